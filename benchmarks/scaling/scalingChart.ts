import type { TopLevelSpec } from 'vega-lite';

/** One measured point of the scaling curve: a strategy's cost per placement on a cluster of `hosts`. */
export interface ScalingPoint {
  readonly strategy: string;
  readonly hosts: number;
  /** µs of wall time per placement, median over rounds. */
  readonly micros: number;
  /** Bare-loop events per placement, median of per-round ratios: the same cost, free of the machine's load. */
  readonly bareEvents: number;
}

/** How a cost grows with the number of hosts. */
export type CurveShape = 'flat' | 'logarithmic' | 'linear';

/**
 * Below this growth exponent a curve is flat: `cost ∝ hosts^b` with b < 0.07 grows less than 1.3× over
 * the 50× span from 1,000 to 50,000 hosts.
 */
export const FLAT_EXPONENT = 0.07;

/**
 * Which shape the points follow, read from the data: flat when the least-squares exponent b of
 * `ln cost = a + b ln hosts` is below {@link FLAT_EXPONENT}; otherwise logarithmic or linear, whichever
 * of `cost = a + b ln hosts` and `cost = a + b hosts` fits better (higher R²). Needs at least 3 points
 * at distinct host counts.
 */
export function curveShape(points: ReadonlyArray<{ readonly hosts: number; readonly cost: number }>): CurveShape {
  const distinct = new Set(points.map((p) => p.hosts)).size;
  if (distinct < 3) throw new RangeError(`curveShape: expected points at 3 or more host counts, got ${distinct}`);
  for (const p of points) {
    if (!(p.hosts > 0 && p.cost > 0))
      throw new RangeError(`curveShape: expected positive hosts and cost, got ${p.hosts}, ${p.cost}`);
  }
  const exponent = fit(
    points.map((p) => Math.log(p.hosts)),
    points.map((p) => Math.log(p.cost)),
  ).slope;
  if (exponent < FLAT_EXPONENT) return 'flat';
  const costs = points.map((p) => p.cost);
  const logarithmic = fit(
    points.map((p) => Math.log(p.hosts)),
    costs,
  ).r2;
  const linear = fit(
    points.map((p) => p.hosts),
    costs,
  ).r2;
  return logarithmic >= linear ? 'logarithmic' : 'linear';
}

/** Least-squares line through (x, y): its slope and R² (1 when y is constant). */
function fit(x: readonly number[], y: readonly number[]): { slope: number; r2: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/**
 * The scaling curve as a Vega-Lite spec (rendered to SVG with the docs' `renderPlot`): µs per placement
 * against hosts, both axes logarithmic, one line per strategy in the order given.
 */
export function scalingChart(points: readonly ScalingPoint[], title: string): TopLevelSpec {
  const strategies = [...new Set(points.map((p) => p.strategy))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 520,
    height: 300,
    data: { values: points.map((p) => ({ strategy: p.strategy, hosts: p.hosts, micros: p.micros })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'hosts',
        type: 'quantitative',
        scale: { type: 'log' },
        axis: { title: 'hosts', values: [...new Set(points.map((p) => p.hosts))].sort((a, b) => a - b) },
      },
      y: { field: 'micros', type: 'quantitative', scale: { type: 'log' }, title: 'µs per placement (median)' },
      color: { field: 'strategy', type: 'nominal', sort: strategies, title: 'strategy' },
    },
  };
}
