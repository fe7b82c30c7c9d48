import {
  type AutoscalingMetrics,
  curveAt,
  type NodeScalingReport,
  type ReplicaPoint,
  type TrafficMetrics,
  type UsageCurve,
} from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { formatMs } from '../format/formatMs.js';
import {
  type ChartRow,
  chartConfig,
  HEIGHT,
  lineChart,
  type ReportChart,
  type RuleRow,
  ruleLayer,
  type TimeUnit,
  timeAxis,
  WIDTH,
} from './lineChart.js';

/** What the scaling charts are drawn from; each part absent when the scenario does not use it. */
export interface ScalingChartsInput {
  /** What the autoscalers did (collectAutoscaling), for a scenario with autoscalers. */
  readonly autoscaling?: AutoscalingMetrics | undefined;
  /** What node autoscaling did (collectNodeScaling), for a scenario with node groups or a provisioner. */
  readonly nodeScaling?: NodeScalingReport | undefined;
  /** Each service's `usage` curves (cpu in millicores, memory in MiB), the demand an autoscaler answers. */
  readonly usage?: Readonly<
    Record<string, { readonly cpu?: UsageCurve | undefined; readonly memory?: UsageCurve | undefined } | undefined>
  >;
  /** The run's traffic, whose requests are the load of an autoscaled service without a usage curve. */
  readonly traffic?: TrafficMetrics | undefined;
}

/** A smooth curve (diurnal) is drawn from this many samples over the window, plus each step's time. */
const CURVE_SAMPLES = 240;
const REPLICA_COLORS = { desired: '#4c78a8', ready: '#54a24b' };
const LOAD_COLOR = '#9d755d';

type Window = { readonly from: number; readonly to: number };

/**
 * The charts of a scenario that scales: per autoscaled service, its desired and ready replicas over
 * time against the load it answers; and, with node scaling, the hosts joined over time. None for a
 * scenario without autoscalers or node scaling.
 */
export function scalingCharts(
  input: ScalingChartsInput,
  unit: TimeUnit,
  rules: readonly RuleRow[],
  window: Window,
): ReportChart[] {
  const charts: ReportChart[] = [];
  const timeRow = { from: window.from / unit.ms, to: window.to / unit.ms };
  const names = Object.keys(input.autoscaling?.services ?? {});
  names.forEach((name, i) => {
    const service = input.autoscaling!.services[name]!;
    const load = loadOf(name, input, window, unit);
    const id = `autoscaling-${i + 1}`;
    const title = `Replicas and load: ${name}`;
    charts.push({
      id,
      title,
      description: `Replicas of ${name} its autoscaler asked for (desired, dashed) and ready, between ${service.minReplicas} and ${service.maxReplicas}${
        load === null
          ? '; the service has no usage curve and the scenario no requests to draw as its load'
          : `, against ${load.description}`
      }.`,
      spec: replicasAndLoad(title, replicaRows(service.series, window.to, unit), load, unit, rules, timeRow),
    });
  });
  const nodes = input.nodeScaling;
  if (nodes !== undefined) {
    const rows: ChartRow[] = nodes.hosts.map(([at, hosts]) => ({
      t: at / unit.ms,
      value: hosts,
      series: 'hosts joined',
    }));
    const last = nodes.hosts[nodes.hosts.length - 1];
    if (last !== undefined && last[0] < window.to)
      rows.push({ t: window.to / unit.ms, value: last[1], series: 'hosts joined' });
    charts.push({
      id: 'node-scaling',
      title: 'Hosts joined (node scaling)',
      description: `Hosts joined and not removed as node autoscaling launches and removes them: ${nodes.launched} launched, ${nodes.removed} removed, at most ${nodes.peakHosts}; ${nodes.hostHours.toFixed(2)} host-hours billed, cost ${nodes.cost.toFixed(2)}.`,
      spec: lineChart({
        title: 'Hosts joined (node scaling)',
        rows,
        unit,
        rules,
        timeRow,
        yTitle: 'hosts',
        colorTitle: 'hosts',
        integer: true,
      }),
    });
  }
  return charts;
}

/** Desired and ready replicas as step rows, closed at the window's end. */
export function replicaRows(series: readonly ReplicaPoint[], to: number, unit: TimeUnit): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const kind of ['desired', 'ready'] as const) {
    for (const p of series) rows.push({ t: p.at / unit.ms, value: p[kind], series: kind });
    const last = series[series.length - 1];
    if (last !== undefined && last.at < to) rows.push({ t: to / unit.ms, value: last[kind], series: kind });
  }
  return rows;
}

/** A service's load as chart rows, with its axis title and how the description names it; null without one. */
interface Load {
  readonly rows: readonly ChartRow[];
  readonly title: string;
  readonly description: string;
}

/**
 * The load an autoscaled service answers: its cpu usage curve (cores), else its memory curve (MiB),
 * else, in a scenario with requests, the requests all load sources sent per second in each interval.
 */
export function loadOf(name: string, input: ScalingChartsInput, window: Window, unit: TimeUnit): Load | null {
  const usage = input.usage?.[name];
  if (usage?.cpu !== undefined) {
    return {
      rows: curveRows(usage.cpu, window, unit, 'cpu demand', 1 / 1000),
      title: 'cpu demand (cores)',
      description: 'its cpu demand (its usage curve, cores, right axis)',
    };
  }
  if (usage?.memory !== undefined) {
    return {
      rows: curveRows(usage.memory, window, unit, 'memory demand', 1),
      title: 'memory demand (MiB)',
      description: 'its memory demand (its usage curve, MiB, right axis)',
    };
  }
  const traffic = input.traffic;
  if (traffic === undefined || traffic.series.length === 0) return null;
  const rows: ChartRow[] = [];
  let start = traffic.window.from;
  let value = 0;
  for (const interval of traffic.series) {
    value = interval.at > start ? (interval.sent * 1000) / (interval.at - start) : 0;
    rows.push({ t: start / unit.ms, value, series: 'requests sent' });
    start = interval.at;
  }
  rows.push({ t: start / unit.ms, value, series: 'requests sent' });
  return {
    rows,
    title: 'requests sent per second',
    description: `the requests every load source sent per second in each ${formatMs(traffic.window.sampleEvery)} interval (right axis)`,
  };
}

/** A usage curve sampled over the window, at every step's time and at evenly spaced times, times `scale`. */
export function curveRows(
  curve: UsageCurve,
  window: Window,
  unit: TimeUnit,
  series: string,
  scale: number,
): ChartRow[] {
  const times = new Set<number>();
  for (let i = 0; i <= CURVE_SAMPLES; i++) times.add(window.from + ((window.to - window.from) * i) / CURVE_SAMPLES);
  if (curve.shape === 'steps') {
    for (const step of curve.steps) if (step.at > window.from && step.at < window.to) times.add(step.at);
  }
  return [...times].sort((a, b) => a - b).map((at) => ({ t: at / unit.ms, value: curveAt(curve, at) * scale, series }));
}

/** Replicas (left axis) and the load (right axis) on one time axis. */
function replicasAndLoad(
  title: string,
  replicas: readonly ChartRow[],
  load: Load | null,
  unit: TimeUnit,
  rules: readonly RuleRow[],
  timeRow: Window,
): TopLevelSpec {
  const x = timeAxis(unit, timeRow);
  const layers: object[] = [
    {
      data: { values: replicas },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8, clip: true },
      encoding: {
        x,
        y: { field: 'value', type: 'quantitative', title: 'replicas', axis: { tickMinStep: 1, format: 'd' } },
        color: {
          field: 'series',
          type: 'nominal',
          title: 'replicas',
          scale: { domain: Object.keys(REPLICA_COLORS), range: Object.values(REPLICA_COLORS) },
        },
        strokeDash: {
          field: 'series',
          type: 'nominal',
          legend: null,
          scale: {
            domain: ['desired', 'ready'],
            range: [
              [6, 3],
              [1, 0],
            ],
          },
        },
      },
    },
  ];
  if (load !== null) {
    layers.push({
      data: { values: load.rows },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.4, clip: true, color: LOAD_COLOR, opacity: 0.8 },
      encoding: {
        x,
        y: {
          field: 'value',
          type: 'quantitative',
          title: load.title,
          axis: { orient: 'right', titleColor: LOAD_COLOR },
        },
      },
    });
  }
  if (rules.length > 0) layers.push(ruleLayer(rules));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
    resolve: { scale: { y: 'independent', color: 'independent' } },
    config: chartConfig,
  } as TopLevelSpec;
}
