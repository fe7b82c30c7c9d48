import { FAILURE_CAUSES, type ServiceTrafficFigures, type TrafficFigures, type TrafficMetrics } from '@berth/cluster';
import { formatMs } from './formatMs.js';

/** A table of traffic figures as text cells, for the summary `berth run` prints and for report.html. */
export interface TrafficTable {
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  readonly align: ReadonlyArray<'left' | 'right'>;
}

/** A number of requests with thousands separators. */
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
/** Requests per second, two decimals. */
const rate = (perSecond: number | null): string =>
  perSecond === null
    ? '-'
    : `${perSecond.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/s`;
const time = (ms: number | null): string => (ms === null ? '-' : formatMs(ms));
/** Failed requests, and their share of the requests that ended (succeeded or failed). */
const failedText = (f: TrafficFigures): string => {
  const ended = f.succeeded + f.failedTotal;
  return ended === 0
    ? count(f.failedTotal)
    : `${count(f.failedTotal)} (${((f.failedTotal * 100) / ended).toFixed(1)}%)`;
};
const percentiles = (f: TrafficFigures): string =>
  [f.latency.p50, f.latency.p90, f.latency.p99, f.latency.p999].map(time).join(' / ');
const RIGHT = 'right' as const;
/** A service's cpu on requests: mean millicores in use, and the share of its ready replicas' cpu requests. */
const cpuText = (cpu: NonNullable<ServiceTrafficFigures['cpu']>): string =>
  cpu.mean === null
    ? '-'
    : `${Math.round(cpu.mean)}m, ${cpu.utilization === null ? '-' : `${(cpu.utilization * 100).toFixed(1)}%`}`;

/** One row per service; a cpu column when the figures carry cpu (`collectTraffic`'s `cpu` option). */
function serviceTable(traffic: TrafficMetrics): TrafficTable {
  const services = Object.entries(traffic.services);
  const withCpu = services.some(([, f]) => f.cpu !== undefined);
  const header = [
    'service',
    'replicas',
    'answered',
    'throughput',
    'latency p50 / p90 / p99 / p99.9',
    'failed',
    'imbalance (max/mean)',
  ];
  return {
    header: withCpu ? [...header, 'cpu (mean, utilisation)'] : header,
    rows: services.map(([name, f]) => {
      const row = [
        name,
        count(Object.keys(f.served).length),
        count(f.succeeded),
        rate(f.throughput),
        percentiles(f),
        failedText(f),
        f.imbalance === null ? '-' : f.imbalance.toFixed(2),
      ];
      return withCpu ? [...row, f.cpu === undefined ? '-' : cpuText(f.cpu)] : row;
    }),
    align: ['left', ...header.slice(1).map(() => RIGHT), ...(withCpu ? [RIGHT] : [])],
  };
}

/**
 * A run's traffic as tables: one row per load source (what its clients saw), one per service (what
 * it answered, calls from other services included; its replicas are those that were ever endpoints,
 * and the imbalance is the most served by one over the mean), and, when any request failed, the
 * failed requests by cause, with a column for each cause that occurred.
 */
export function trafficTables(traffic: TrafficMetrics): TrafficTable[] {
  const tables: TrafficTable[] = [
    {
      header: [
        'load source',
        'sent',
        'succeeded',
        'throughput',
        'latency p50 / p90 / p99 / p99.9',
        'failed',
        'retries',
      ],
      rows: Object.entries(traffic.sources).map(([name, f]) => [
        name,
        count(f.sent),
        count(f.succeeded),
        rate(f.throughput),
        percentiles(f),
        failedText(f),
        count(f.retries),
      ]),
      align: ['left', RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT],
    },
    serviceTable(traffic),
  ];
  const groups: Array<readonly [string, TrafficFigures]> = [
    ...Object.entries(traffic.sources).map(([name, f]) => [`load ${name}`, f] as const),
    ...Object.entries(traffic.services).map(([name, f]) => [`service ${name}`, f] as const),
  ];
  const causes = FAILURE_CAUSES.filter((cause) => groups.some(([, f]) => f.failed[cause] > 0));
  if (causes.length > 0) {
    tables.push({
      header: ['failed requests by cause', ...causes],
      rows: groups.map(([name, f]) => [name, ...causes.map((cause) => count(f.failed[cause]))]),
      align: ['left', ...causes.map(() => RIGHT)],
    });
  }
  return tables;
}
