import { collectMetrics, createSimulation } from '@berth/cluster';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { runRich } from '../../test/richRun.js';
import { buildTimeline } from './buildTimeline.js';
import { availabilityFraction, type ChartRow, intervalRows, reportCharts, timeAxisUnit } from './reportCharts.js';

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
