import { collectMetrics, createSimulation, FAILURE_CAUSES } from '@berth/cluster';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { runRich, runTraffic } from '../../test/richRun.js';
import { buildTimeline } from './buildTimeline.js';
import {
  availabilityFraction,
  type ChartRow,
  gappedIntervalRows,
  intervalRows,
  reportCharts,
  timeAxisUnit,
} from './reportCharts.js';

describe('timeAxisUnit', () => {
  it.each([
    [90_000, 's'], // 1.5 min
    [180_000, 's'], // 3 min: still seconds
    [3_600_000, 'min'], // 1 h
    [4 * 3_600_000, 'h'],
    [7 * 86_400_000, 'd'],
  ])('%d ms → %s', (span, label) => {
    expect(timeAxisUnit(span).label).toBe(label);
  });
});

describe('intervalRows', () => {
  it('draws each interval mean from the interval start to its end', () => {
    const rows = intervalRows(
      [
        { at: 60_000, value: 1 },
        { at: 120_000, value: 3 },
      ],
      0,
      timeAxisUnit(120_000),
      'cpu',
    );
    expect(rows).toEqual([
      { t: 0, value: 1, series: 'cpu' },
      { t: 60, value: 3, series: 'cpu' },
      { t: 120, value: 3, series: 'cpu' },
    ]);
  });
});

describe('gappedIntervalRows', () => {
  it('draws each value over its interval and breaks the line over an interval without one', () => {
    const rows = gappedIntervalRows(
      [
        { at: 10_000, value: null }, // nothing before the first value: no row
        { at: 20_000, value: 5 },
        { at: 30_000, value: 7 },
        { at: 40_000, value: null }, // close 7 at 30 s, break at 35 s (mid-interval)
        { at: 50_000, value: null },
        { at: 60_000, value: 2 },
      ],
      0,
      timeAxisUnit(60_000),
      'p99',
    );
    expect(rows).toEqual([
      { t: 10, value: 5, series: 'p99' },
      { t: 20, value: 7, series: 'p99' },
      { t: 30, value: 7, series: 'p99' },
      { t: 35, value: null, series: 'p99' },
      { t: 50, value: 2, series: 'p99' },
      { t: 60, value: 2, series: 'p99' },
    ]);
  });

  it('is intervalRows when every interval has a value', () => {
    const points = [
      { at: 60_000, value: 1 },
      { at: 120_000, value: 3 },
    ];
    const unit = timeAxisUnit(120_000);
    expect(gappedIntervalRows(points, 0, unit, 'p50')).toEqual(intervalRows(points, 0, unit, 'p50'));
  });
});

describe('availabilityFraction', () => {
  it('divides available by desired at every change of either, capped at 1, 1 when nothing is desired', () => {
    const desired = [
      { at: 0, value: 2 },
      { at: 50, value: 0 },
      { at: 100, value: 0 },
    ];
    const available = [
      { at: 0, value: 0 },
      { at: 10, value: 2 },
      { at: 20, value: 1 },
      { at: 30, value: 3 }, // a surge above desired counts as 1
      { at: 100, value: 3 },
    ];
    expect(availabilityFraction(desired, available)).toEqual([
      { at: 0, value: 0 },
      { at: 10, value: 1 },
      { at: 20, value: 0.5 },
      { at: 30, value: 1 },
      { at: 100, value: 1 },
    ]);
  });
});

/** The inline rows of a chart's first layer (or of the chart itself). */
function rowsOf(spec: object): ChartRow[] {
  const s = spec as { data?: { values: ChartRow[] }; layer?: Array<{ data: { values: ChartRow[] } }> };
  return s.layer?.[0]?.data.values ?? s.data?.values ?? [];
}

describe('reportCharts', () => {
  const { sim, metrics } = runRich();
  const timeline = buildTimeline(sim.events(), { from: 0, to: sim.now, desired: { web: 10 } });
  const charts = reportCharts(metrics, timeline);

  it('shows every chart the rich run exercises, each a valid Vega-Lite spec', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'allocation',
      'hosts',
      'containers',
      'replicas',
      'availability',
      'failures',
    ]);
    for (const chart of charts) expect(() => compile(chart.spec), chart.id).not.toThrow();
  });

  it('plots the metrics’ allocation series in minutes, per resource', () => {
    const rows = rowsOf(charts[0]!.spec).filter((r) => r.series === 'cpu' && r.kind === 'allocated');
    const series = metrics.allocation.cpu!.series;
    expect(rows).toHaveLength(series.length + 1);
    expect(rows.slice(1).map((r) => r.t)).toEqual(series.map((p) => p.at / 60_000));
    expect(rows.slice(0, -1).map((r) => r.value)).toEqual(series.map((p) => p.value));
  });

  it('plots replicas available and desired per service from the timeline', () => {
    const rows = rowsOf(charts[3]!.spec);
    const available = rows.filter((r) => r.kind === 'available');
    expect(available.map((r) => r.value)).toEqual(timeline.services.web!.available.map((p) => p.value));
    expect(rows.filter((r) => r.kind === 'desired').every((r) => r.value === 10)).toBe(true);
  });

  it('leaves out what a run does not exercise', () => {
    const quiet = createSimulation(
      { horizon: '10m', hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }] },
      { eventLog: { keep: 'all' } },
    );
    const collector = collectMetrics(quiet);
    quiet.run();
    const ids = reportCharts(collector.report(), buildTimeline(quiet.events(), { to: quiet.now })).map((c) => c.id);
    expect(ids).toEqual(['allocation', 'hosts']);
  });
});

describe('reportCharts with traffic', () => {
  const { sim, metrics, traffic } = runTraffic();
  const timeline = buildTimeline(sim.events(), { from: 0, to: sim.now });
  const charts = reportCharts(metrics, timeline, traffic);
  const chart = (id: string) => charts.find((c) => c.id === id)!;

  it('adds the latency and failed-request charts before the failures, each a valid Vega-Lite spec', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'allocation',
      'hosts',
      'containers',
      'replicas',
      'availability',
      'latency',
      'errors',
      'failures',
    ]);
    for (const c of charts) expect(() => compile(c.spec), c.id).not.toThrow();
    expect(chart('errors').description).toContain('in each 3 s interval');
  });

  it('plots p50 and p99 of each interval, in minutes', () => {
    const rows = rowsOf(chart('latency').spec);
    expect(new Set(rows.map((r) => r.series))).toEqual(new Set(['p50', 'p99']));
    const p99 = rows.filter((r) => r.series === 'p99');
    // Every interval answers something (the first from 1 s on): one row per interval start, and a closing one.
    const { series } = traffic;
    expect(series.every((s) => s.p99 !== null)).toBe(true);
    expect(p99.map((r) => r.value)).toEqual([...series.map((s) => s.p99), series.at(-1)!.p99]);
    expect(p99.map((r) => r.t)).toEqual([0, ...series.map((s) => s.at / 60_000)]);
  });

  it('plots the failed requests of each interval per cause that occurred, the host crash’s timeouts among them', () => {
    const rows = rowsOf(chart('errors').spec);
    // A line per cause with a failure, in FAILURE_CAUSES order: the host crash's timeouts, the start-up's
    // no-endpoint, and whatever else the run had; none for a cause that never occurred.
    const occurred = FAILURE_CAUSES.filter((cause) => traffic.sources.users!.failed[cause] > 0);
    expect(occurred).toEqual(expect.arrayContaining(['timeout', 'no-endpoint']));
    expect(occurred).not.toContain('dependency');
    expect([...new Set(rows.map((r) => r.series))]).toEqual(occurred);
    const timeouts = rows.filter((r) => r.series === 'timeout');
    expect(timeouts.slice(0, -1).map((r) => r.value)).toEqual(traffic.series.map((s) => s.failed.timeout));
    // The spike follows the crash at 4 min: the first interval with a timeout starts then.
    expect(timeouts.find((r) => (r.value ?? 0) > 0)!.t).toBe(4);
    // The crash and the recovery (at 7 min) are drawn as rules there too.
    const layers = (chart('errors').spec as { layer: Array<{ data: { values: Array<{ t: number }> } }> }).layer;
    expect(layers[1]!.data.values.map((r) => r.t)).toEqual([4, 7]);
  });

  it('leaves the failed-request chart out when no request failed', () => {
    const quiet = {
      ...traffic,
      series: traffic.series.map((s) => ({ ...s, failed: { ...s.failed, timeout: 0, crashed: 0, 'no-endpoint': 0 } })),
    };
    const ids = reportCharts(metrics, timeline, quiet).map((c) => c.id);
    expect(ids).toContain('latency');
    expect(ids).not.toContain('errors');
    expect(reportCharts(metrics, timeline).map((c) => c.id)).not.toContain('latency');
  });
});

describe('reportCharts rules and caps', () => {
  const { sim, metrics } = runRich();
  const events = sim.events();
  const ruleCount = (charts: ReturnType<typeof reportCharts>) =>
    ((charts[0]!.spec as { layer: Array<{ data: { values: unknown[] } }> }).layer[1]?.data.values ?? []).length;

  it('draws a host crash and its recovery as rules on the time-series charts', () => {
    const charts = reportCharts(metrics, buildTimeline(events, { to: sim.now }));
    expect(ruleCount(charts)).toBe(2);
  });

  it('leaves the rules out when there are too many to read, and says when the failures chart is cut', () => {
    // 25 extra crash/recover pairs: 52 host failures and recoveries in all.
    const many = [...events];
    for (let i = 0; i < 25; i++) {
      many.push(
        { at: sim.now, type: 'host.crashed', host: 'node-0' },
        { at: sim.now, type: 'host.recovered', host: 'node-0' },
      );
    }
    const timeline = buildTimeline(many, { to: sim.now, maxMarkers: 10 });
    const charts = reportCharts(metrics, timeline);
    expect(ruleCount(charts)).toBe(0);
    const failures = charts.find((c) => c.id === 'failures')!;
    const total = Object.values(timeline.markerCounts).reduce((a, b) => a + (b ?? 0), 0);
    expect(failures.description).toContain(`(the first 10 of ${total})`);
  });
});
