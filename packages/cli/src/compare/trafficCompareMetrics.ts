import { FAILURE_CAUSES, type ServiceTrafficFigures, type TrafficFigures, type TrafficMetrics } from '@berth/cluster';
import type { Better, MetricUnit } from './MetricUnit.js';

/** One traffic figure `berth compare` puts side by side, for each load source or each service. */
interface TrafficFigure {
  /** Last part of the key; no dot, so that a key can be read back whatever the source's name. */
  readonly figure: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better?: Better;
  readonly read: (figures: TrafficFigures) => number | null;
}

const COMMON: readonly TrafficFigure[] = [
  { figure: 'throughput', label: 'throughput', unit: 'rate', read: (f) => f.throughput },
  { figure: 'p50', label: 'latency p50', unit: 'ms', better: 'lower', read: (f) => f.latency.p50 },
  { figure: 'p99', label: 'latency p99', unit: 'ms', better: 'lower', read: (f) => f.latency.p99 },
  { figure: 'p999', label: 'latency p99.9', unit: 'ms', better: 'lower', read: (f) => f.latency.p999 },
  {
    figure: 'failedShare',
    label: 'failed (share of ended)',
    unit: 'fraction',
    better: 'lower',
    read: (f) => (f.succeeded + f.failedTotal === 0 ? null : f.failedTotal / (f.succeeded + f.failedTotal)),
  },
  ...FAILURE_CAUSES.map(
    (cause): TrafficFigure => ({
      figure: `failed-${cause}`,
      label: `failed: ${cause}`,
      unit: 'count',
      better: 'lower',
      read: (f) => f.failed[cause],
    }),
  ),
  { figure: 'retries', label: 'retries', unit: 'count', better: 'lower', read: (f) => f.retries },
];

/** The figures compared per load source, and per service (those plus the imbalance over replicas). */
const FIGURES = {
  source: COMMON,
  service: [
    ...COMMON,
    {
      figure: 'imbalance',
      label: 'imbalance (max/mean)',
      unit: 'number',
      better: 'lower',
      read: (f) => (f as ServiceTrafficFigures).imbalance,
    },
  ] as readonly TrafficFigure[],
};
type Kind = keyof typeof FIGURES;
const LABEL: Readonly<Record<Kind, string>> = { source: 'load', service: 'service' };

/**
 * The traffic figures of one run for `berth compare`, by key `traffic.<source|service>.<name>.<figure>`:
 * per load source and per service, throughput, latency p50 / p99 / p99.9, the failed share, failures by
 * cause, retries, and per service the imbalance over replicas.
 */
export function trafficCompareMetrics(traffic: TrafficMetrics): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const kind of ['source', 'service'] as const) {
    const groups = kind === 'source' ? traffic.sources : traffic.services;
    for (const [name, figures] of Object.entries(groups)) {
      for (const f of FIGURES[kind]) out[`traffic.${kind}.${name}.${f.figure}`] = f.read(figures);
    }
  }
  return out;
}

/** The row title and unit of a key {@link trafficCompareMetrics} made, or undefined for any other key. */
export function describeTrafficMetric(
  key: string,
): { readonly label: string; readonly unit: MetricUnit; readonly better?: Better } | undefined {
  const match = /^traffic\.(source|service)\.(.+)\.([^.]+)$/.exec(key);
  if (match === null) return undefined;
  const kind = match[1] as Kind;
  const figure = FIGURES[kind].find((f) => f.figure === match[3]);
  if (figure === undefined) return undefined;
  const label = `${LABEL[kind]} ${match[2]}: ${figure.label}`;
  return figure.better === undefined
    ? { label, unit: figure.unit }
    : { label, unit: figure.unit, better: figure.better };
}
