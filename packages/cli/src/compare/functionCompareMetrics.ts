import type { FunctionReport } from '@berth/cluster';
import type { Better, MetricUnit } from './MetricUnit.js';

/** One function-platform figure `berth compare` puts side by side, over all of a run's functions. */
interface FunctionFigure {
  /** Last part of the key `functions.<figure>`. */
  readonly figure: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better: Better;
  /** The figure of one run; null where it has none (nothing served, a platform without prices). */
  readonly read: (report: FunctionReport) => number | null;
}

/** NaN (nothing to measure: nothing served, no price) as null, which a comparison leaves out of its mean. */
const known = (x: number): number | null => (Number.isNaN(x) ? null : x);

const FIGURES: readonly FunctionFigure[] = [
  {
    figure: 'coldStartRatio',
    label: 'functions: cold starts (share of served)',
    unit: 'fraction',
    better: 'lower',
    read: (r) => known(r.total.coldStartRatio),
  },
  {
    // The report gives a percentage; a comparison prints fractions as percentages.
    figure: 'p75ColdStarts',
    label: 'functions: cold starts, 75th percentile over functions',
    unit: 'fraction',
    better: 'lower',
    read: (r) => known(r.p75ColdStartPercent / 100),
  },
  {
    figure: 'p99',
    label: 'functions: latency p99 (cold starts included)',
    unit: 'ms',
    better: 'lower',
    read: (r) => known(r.total.latency.p99),
  },
  {
    figure: 'throttled',
    label: 'functions: throttled',
    unit: 'count',
    better: 'lower',
    read: (r) => r.total.throttled,
  },
  {
    figure: 'idleGbHours',
    label: 'functions: idle memory-time (GB·h)',
    unit: 'number',
    better: 'lower',
    read: (r) => r.total.idleGbSeconds / 3600,
  },
  {
    figure: 'cost',
    label: 'functions: user cost',
    // A function's bill is often a fraction of a cent: to the cent it would read $0.00.
    unit: 'smallMoney',
    better: 'lower',
    read: (r) => known(r.total.cost),
  },
  {
    figure: 'hostHours',
    label: 'functions: hosts used (host·h)',
    unit: 'number',
    better: 'lower',
    read: (r) => r.hostsUsed.hostHours,
  },
  {
    figure: 'peakHosts',
    label: 'functions: hosts used at most',
    unit: 'count',
    better: 'lower',
    read: (r) => r.hostsUsed.peak,
  },
];

/**
 * The function-platform figures of one run for `berth compare`, by key `functions.<figure>`: the cold-start
 * ratio, the 75th-percentile cold-start share over functions ("Serverless in the Wild"'s figure), latency p99
 * with cold starts, throttled invocations, idle memory-time, the user's bill, and the hosts function instances
 * used (host-hours and the most at once: the provider's side). None for a run without
 * functions (`report` null), so a comparison of a scenario without functions shows no such row.
 */
export function functionCompareMetrics(report: FunctionReport | null | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (report === null || report === undefined) return out;
  for (const f of FIGURES) out[`functions.${f.figure}`] = f.read(report);
  return out;
}

/** The row title, unit and better direction of a key {@link functionCompareMetrics} made, or undefined. */
export function describeFunctionMetric(
  key: string,
): { readonly label: string; readonly unit: MetricUnit; readonly better: Better } | undefined {
  if (!key.startsWith('functions.')) return undefined;
  const figure = FIGURES.find((f) => f.figure === key.slice('functions.'.length));
  return figure === undefined ? undefined : { label: figure.label, unit: figure.unit, better: figure.better };
}
