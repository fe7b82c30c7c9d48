import type { TopLevelSpec } from 'vega-lite';

/** One measured point of the scaling curve: a strategy's cost per placement on a cluster of `hosts`. */
export interface ScalingPoint {
  readonly strategy: string;
  readonly hosts: number;
  /** µs of CPU time per placement, median over rounds. */
  readonly micros: number;
  /**
   * Bare-loop events per placement, median of per-round ratios of CPU times: the same cost, free of the
   * machine's speed of the moment.
   */
  readonly bareEvents: number;
  /** µs of wall time per placement, median over rounds: for the record, since it measures the machine's load too. */
  readonly wallMicros: number;
}

/** What the scaling benchmark measured, as it is committed beside the chart (`docs/concepts/scaling-curve.json`). */
export interface ScalingData {
  /** The chart's title. */
  readonly title: string;
  /** The command that measured it, run in `benchmarks/`. */
  readonly command: string;
  /** CPUs, CPU model and Node version. */
  readonly machine: string;
  /** Measured rounds per size (after one warm-up round at the first size). */
  readonly rounds: number;
  /** Per size: the bare loop's median rate (events per CPU second) and the load averages after it. */
  readonly sizes: ReadonlyArray<{
    readonly hosts: number;
    readonly bareEventsPerSecond: number;
    readonly load: string;
  }>;
  readonly points: readonly ScalingPoint[];
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
  return curveFit(points).shape;
}

/** The evidence behind {@link curveShape}: the growth exponent and how well each line fits. */
export interface CurveFit {
  readonly shape: CurveShape;
  /** b of the least-squares `ln cost = a + b ln hosts`. */
  readonly exponent: number;
  /** R² of `cost = a + b ln hosts`. */
  readonly r2Logarithmic: number;
  /** R² of `cost = a + b hosts`. */
  readonly r2Linear: number;
}

/** {@link curveShape} with its evidence; the same preconditions. */
export function curveFit(points: ReadonlyArray<{ readonly hosts: number; readonly cost: number }>): CurveFit {
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
  const costs = points.map((p) => p.cost);
  const r2Logarithmic = fit(
    points.map((p) => Math.log(p.hosts)),
    costs,
  ).r2;
  const r2Linear = fit(
    points.map((p) => p.hosts),
    costs,
  ).r2;
  const shape = exponent < FLAT_EXPONENT ? 'flat' : r2Logarithmic >= r2Linear ? 'logarithmic' : 'linear';
  return { shape, exponent, r2Logarithmic, r2Linear };
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
 * The scaling curve as a Vega-Lite spec (rendered to SVG with the docs' `renderPlot`): µs of CPU per placement
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
      y: {
        field: 'micros',
        type: 'quantitative',
        scale: { type: 'log' },
        title: 'µs of CPU per placement (median)',
      },
      color: { field: 'strategy', type: 'nominal', sort: strategies, title: 'strategy' },
    },
  };
}
