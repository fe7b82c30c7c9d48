import {
  type ClusterMetrics,
  FAILURE_CAUSES,
  type FunctionReport,
  type SloMetrics,
  type TrafficMetrics,
} from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { formatMs } from '../format/formatMs.js';
import type { Marker, MarkerKind, ReportTimeline } from './buildTimeline.js';
import {
  type ChartRow,
  chartConfig,
  intervalRows,
  lineChart,
  type ReportChart,
  type RuleRow,
  type TimeUnit,
  timeAxis,
  WIDTH,
} from './lineChart.js';
import type { StepPoint } from './StepSeries.js';

export type { ChartRow, ReportChart, TimeUnit } from './lineChart.js';
export { intervalRows } from './lineChart.js';

import { functionCharts } from './functionCharts.js';
import { type ScalingChartsInput, scalingCharts } from './scalingCharts.js';
import { sloCharts } from './sloCharts.js';

/**
 * Host failures, recoveries and stalled rollouts are drawn as vertical rules on the time-series charts
 * only up to this many: past it they would hide the lines, and the failures chart shows them all.
 */
const MAX_RULES = 24;
const FAILURE_KINDS: ReadonlySet<MarkerKind> = new Set(['host crashed', 'host partitioned', 'rollout stalled']);
const RECOVERY_KINDS: ReadonlySet<MarkerKind> = new Set(['host recovered', 'host healed']);
/** Marker kinds in the order the failures chart lists them, failures above their recoveries. */
const MARKER_ORDER: readonly MarkerKind[] = [
  'host crashed',
  'host partitioned',
  'host not ready',
  'host recovered',
  'host healed',
  'replica lost',
  'container crashed',
  'container evicted',
  'container failed',
  'rollout started',
  'rollout completed',
  'rollout stalled',
];
/** Hosts used, then host states from healthy to gone, coloured to match: a state never seen is left out. */
const HOST_COLORS: Readonly<Record<string, string>> = {
  used: '#4c78a8',
  ready: '#54a24b',
  cordoned: '#b279a2',
  'not-ready': '#f58518',
  down: '#e45756',
};

/** The latency percentiles drawn, coloured from the median to the tail. */
const LATENCY_COLORS: Readonly<Record<string, string>> = { p50: '#4c78a8', p99: '#e45756' };
/** A colour per failure cause, in FAILURE_CAUSES order. */
const CAUSE_COLORS: Readonly<Record<string, string>> = {
  timeout: '#f58518',
  'queue-full': '#b279a2',
  crashed: '#e45756',
  'stale-endpoint': '#4c78a8',
  'no-endpoint': '#72b7b2',
  dependency: '#9d755d',
};

/** Picks seconds, minutes, hours or days for a window of `spanMs` ms. */
export function timeAxisUnit(spanMs: number): TimeUnit {
  if (spanMs <= 3 * 60_000) return { label: 's', ms: 1000 };
  if (spanMs <= 3 * 3_600_000) return { label: 'min', ms: 60_000 };
  if (spanMs <= 3 * 86_400_000) return { label: 'h', ms: 3_600_000 };
  return { label: 'd', ms: 86_400_000 };
}

/**
 * Like {@link intervalRows}, for a series with intervals that have no value (null): each value is drawn
 * over its interval, and the line breaks over an interval without one (a null row inside it).
 */
export function gappedIntervalRows(
  points: ReadonlyArray<{ readonly at: number; readonly value: number | null }>,
  from: number,
  unit: TimeUnit,
  name: string,
): ChartRow[] {
  const rows: ChartRow[] = [];
  let start = from;
  let previous: number | null = null;
  for (const p of points) {
    if (p.value !== null) rows.push({ t: start / unit.ms, value: p.value, series: name });
    else if (previous !== null) {
      // Close the previous interval's step at its end, then break the line inside this one.
      rows.push({ t: start / unit.ms, value: previous, series: name });
      rows.push({ t: (start + p.at) / 2 / unit.ms, value: null, series: name });
    }
    previous = p.value;
    start = p.at;
  }
  if (previous !== null) rows.push({ t: start / unit.ms, value: previous, series: name });
  return rows;
}

/** Step points as chart rows (drawn step-after). */
export function stepRows(points: readonly StepPoint[], unit: TimeUnit, series: string, kind?: string): ChartRow[] {
  return points.map((p) =>
    kind === undefined
      ? { t: p.at / unit.ms, value: p.value, series }
      : { t: p.at / unit.ms, value: p.value, series, kind },
  );
}

/**
 * Available replicas as a fraction of desired ones over time (1 when nothing is desired), as step
 * points at every change of either series.
 */
export function availabilityFraction(desired: readonly StepPoint[], available: readonly StepPoint[]): StepPoint[] {
  const out: StepPoint[] = [];
  let i = 0;
  let j = 0;
  let d = 0;
  let a = 0;
  let at = Number.NaN;
  while (i < desired.length || j < available.length) {
    at = Math.min(desired[i]?.at ?? Number.POSITIVE_INFINITY, available[j]?.at ?? Number.POSITIVE_INFINITY);
    while (i < desired.length && desired[i]!.at === at) d = desired[i++]!.value;
    while (j < available.length && available[j]!.at === at) a = available[j++]!.value;
    const value = d > 0 ? Math.min(a, d) / d : 1;
    if (out[out.length - 1]?.value !== value) out.push({ at, value });
  }
  // Close with a point at the last time so the final step is drawn to the end.
  const last = out[out.length - 1];
  if (last !== undefined && last.at < at) out.push({ at, value: last.value });
  return out;
}

/**
 * The charts a report shows for one run, leaving out those the run does not exercise: allocation per
 * resource (always), hosts used and hosts per state (always), pending containers (when any container
 * was created), replicas available against desired and availability per service (when the scenario
 * has services), request latency and failed requests by cause (with `traffic`, the latter when any
 * request failed), with `slo` when each service was in violation of its objective (see {@link sloCharts}),
 * with `scaling` the replicas against the load of each autoscaled service and the hosts
 * joined under node scaling (see {@link scalingCharts}), and failures and recoveries (when any
 * happened). Host failures, recoveries and
 * stalled rollouts are drawn as vertical rules (red, green) on the time-series charts while there are
 * few of them (see MAX_RULES).
 */
export function reportCharts(
  metrics: ClusterMetrics,
  timeline: ReportTimeline,
  traffic?: TrafficMetrics | undefined,
  scaling?: ScalingChartsInput | undefined,
  functions?: FunctionReport | undefined,
  slo?: SloMetrics | undefined,
): ReportChart[] {
  const from = metrics.window.from;
  const to = Math.max(metrics.window.to, timeline.to);
  const unit = timeAxisUnit(to - from);
  const rules = ruleRows(timeline, unit);
  const charts: ReportChart[] = [];
  const timeRow = { from: from / unit.ms, to: to / unit.ms };

  const allocationRows: ChartRow[] = [];
  for (const [resource, metric] of Object.entries(metrics.allocation)) {
    allocationRows.push(...intervalRows(metric.series, from, unit, resource).map((r) => ({ ...r, kind: 'allocated' })));
  }
  for (const [resource, metric] of Object.entries(metrics.stranded)) {
    if (!(metric.peak > 0)) continue;
    allocationRows.push(...intervalRows(metric.series, from, unit, resource).map((r) => ({ ...r, kind: 'stranded' })));
  }
  const stranded = allocationRows.some((r) => r.kind === 'stranded');
  charts.push({
    id: 'allocation',
    title: 'Allocation per resource',
    description: `Requests of bound containers as a share of the cluster’s capacity of each resource (mean over each sampling interval)${
      stranded ? '; dashed: capacity stranded on hosts exhausted in another resource' : ''
    }.`,
    spec: lineChart({
      title: 'Allocation per resource',
      rows: allocationRows,
      unit,
      rules,
      timeRow,
      yTitle: 'share of cluster capacity',
      percent: true,
      dashBy: 'kind',
      colorTitle: 'resource',
    }),
  });

  const hostRows: ChartRow[] = intervalRows(metrics.hosts.series, from, unit, 'used');
  for (const [state, points] of Object.entries(timeline.hostStates)) hostRows.push(...stepRows(points, unit, state));
  charts.push({
    id: 'hosts',
    title: 'Hosts',
    description: `Hosts with at least one container bound (mean over each sampling interval) and hosts in each state, of ${metrics.hosts.total}.`,
    spec: lineChart({
      title: 'Hosts',
      rows: hostRows,
      unit,
      rules,
      timeRow,
      yTitle: 'hosts',
      colorTitle: 'hosts',
      integer: true,
      colors: HOST_COLORS,
    }),
  });

  if (timeline.pending.some((p) => p.value > 0) || timeline.bound.some((p) => p.value > 0)) {
    const rows = [...stepRows(timeline.pending, unit, 'pending'), ...stepRows(timeline.bound, unit, 'bound to a host')];
    charts.push({
      id: 'containers',
      title: 'Pending and bound containers',
      description: 'Containers waiting for a host (created, not yet bound) and containers bound to a host.',
      spec: lineChart({
        title: 'Pending and bound containers',
        rows,
        unit,
        rules,
        timeRow,
        yTitle: 'containers',
        colorTitle: 'containers',
        integer: true,
      }),
    });
  }

  const services = Object.keys(timeline.services);
  if (services.length > 0) {
    const replicaRows: ChartRow[] = [];
    const availabilityRows: ChartRow[] = [];
    for (const name of services) {
      const s = timeline.services[name]!;
      replicaRows.push(
        ...stepRows(s.available, unit, name, 'available'),
        ...stepRows(s.desired, unit, name, 'desired'),
      );
      availabilityRows.push(...stepRows(availabilityFraction(s.desired, s.available), unit, name));
    }
    charts.push({
      id: 'replicas',
      title: 'Replicas available and desired',
      description:
        'Per service, replicas that serve (ready, and not lost with their host) against the desired count (dashed).',
      spec: lineChart({
        title: 'Replicas available and desired',
        rows: replicaRows,
        unit,
        rules,
        timeRow,
        yTitle: 'replicas',
        integer: true,
        dashBy: 'kind',
        colorTitle: 'service',
      }),
    });
    charts.push({
      id: 'availability',
      title: 'Service availability',
      description: 'Per service, available replicas as a share of desired ones (100% when nothing is desired).',
      spec: lineChart({
        title: 'Service availability',
        rows: availabilityRows,
        unit,
        rules,
        timeRow,
        yTitle: 'available / desired',
        percent: true,
        colorTitle: 'service',
      }),
    });
  }

  if (traffic !== undefined) charts.push(...trafficCharts(traffic, unit, rules, timeRow));
  if (slo !== undefined) charts.push(...sloCharts(slo, unit, rules, timeRow));
  if (scaling !== undefined) charts.push(...scalingCharts(scaling, unit, rules, { from, to }));
  if (functions !== undefined) charts.push(...functionCharts(functions, from, unit, rules, timeRow));

  if (timeline.markers.length > 0) {
    charts.push({
      id: 'failures',
      title: 'Failures and recoveries',
      description: `Each failure or recovery at its time: host crashes and recoveries, partitions, hosts turning NotReady, replicas lost with their host, container crashes, evictions and failures, rollouts${cappedNote(timeline)}.`,
      spec: failureChart(timeline.markers, unit, timeRow),
    });
  }
  return charts;
}

/** Latency over time, and failed requests by cause over time when any failed. */
function trafficCharts(
  traffic: TrafficMetrics,
  unit: TimeUnit,
  rules: readonly RuleRow[],
  timeRow: { readonly from: number; readonly to: number },
): ReportChart[] {
  const { series, window } = traffic;
  const every = formatMs(window.sampleEvery);
  const charts: ReportChart[] = [];
  const latencyRows = (['p50', 'p99'] as const).flatMap((p) =>
    gappedIntervalRows(
      series.map((s) => ({ at: s.at, value: s[p] })),
      window.from,
      unit,
      p,
    ),
  );
  charts.push({
    id: 'latency',
    title: 'Request latency',
    description: `Latency of the load sources’ requests answered in each ${every} interval, from the first try to the answer: the median (p50) and the 99th percentile (p99); a gap where none was answered.`,
    spec: lineChart({
      title: 'Request latency',
      rows: latencyRows,
      unit,
      rules,
      timeRow,
      yTitle: 'latency (ms)',
      colorTitle: 'percentile',
      colors: LATENCY_COLORS,
    }),
  });
  const causes = FAILURE_CAUSES.filter((cause) => series.some((s) => s.failed[cause] > 0));
  if (causes.length > 0) {
    const rows = causes.flatMap((cause) =>
      intervalRows(
        series.map((s) => ({ at: s.at, value: s.failed[cause] })),
        window.from,
        unit,
        cause,
      ),
    );
    charts.push({
      id: 'errors',
      title: 'Failed requests',
      description: `The load sources’ requests that failed for good (after their retries) in each ${every} interval, by cause: timeout, queue full, crashed replica, stale endpoint, no endpoint, failed dependency.`,
      spec: lineChart({
        title: 'Failed requests',
        rows,
        unit,
        rules,
        timeRow,
        yTitle: `failed requests per ${every}`,
        colorTitle: 'cause',
        integer: true,
        colors: CAUSE_COLORS,
      }),
    });
  }
  return charts;
}

/** Says how many markers the failures chart leaves out, if any. */
function cappedNote(timeline: ReportTimeline): string {
  let total = 0;
  for (const n of Object.values(timeline.markerCounts)) total += n ?? 0;
  const shown = timeline.markers.length;
  return shown < total ? ` (the first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})` : '';
}

/** The failures and recoveries drawn as rules on the time-series charts; none past MAX_RULES. */
export function ruleRows(timeline: ReportTimeline, unit: TimeUnit): RuleRow[] {
  let total = 0;
  for (const kind of [...FAILURE_KINDS, ...RECOVERY_KINDS]) total += timeline.markerCounts[kind] ?? 0;
  if (total > MAX_RULES) return [];
  const rows: RuleRow[] = [];
  for (const m of timeline.markers) {
    const failure = FAILURE_KINDS.has(m.kind);
    if (failure || RECOVERY_KINDS.has(m.kind))
      rows.push({ t: m.at / unit.ms, what: `${m.kind}: ${m.subject}`, failure });
  }
  return rows;
}

function failureChart(
  markers: readonly Marker[],
  unit: TimeUnit,
  timeRow: { readonly from: number; readonly to: number },
): TopLevelSpec {
  const rows = markers.map((m) => ({
    t: m.at / unit.ms,
    kind: m.kind,
    what: m.detail === '' ? m.subject : `${m.subject} (${m.detail})`,
  }));
  const kinds = MARKER_ORDER.filter((k) => markers.some((m) => m.kind === k));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Failures and recoveries',
    width: WIDTH,
    height: Math.max(60, 22 * kinds.length),
    data: { values: rows },
    mark: { type: 'tick', thickness: 2, orient: 'vertical' },
    encoding: {
      x: timeAxis(unit, timeRow),
      y: { field: 'kind', type: 'nominal', title: null, sort: kinds },
      color: {
        field: 'kind',
        type: 'nominal',
        legend: null,
        scale: { domain: kinds, range: kinds.map(markerColor) },
      },
      tooltip: [
        { field: 'kind', type: 'nominal' },
        { field: 'what', type: 'nominal' },
        { field: 't', type: 'quantitative', title: `time (${unit.label})` },
      ],
    },
    config: chartConfig,
  } as TopLevelSpec;
}

function markerColor(kind: MarkerKind): string {
  if (FAILURE_KINDS.has(kind) || kind === 'container failed' || kind === 'replica lost') return '#c0392b';
  if (RECOVERY_KINDS.has(kind) || kind === 'rollout completed') return '#27ae60';
  if (kind === 'rollout started') return '#2c7fb8';
  return '#e67e22';
}
