import type { TrafficMetrics, UsageCurve } from '@berth/cluster';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { runScaled, runTraffic } from '../../test/richRun.js';
import { buildTimeline } from './buildTimeline.js';
import type { ChartRow } from './lineChart.js';
import { reportCharts, timeAxisUnit } from './reportCharts.js';
import { curveRows, loadOf, replicaRows, scalingCharts } from './scalingCharts.js';

const MIN = timeAxisUnit(3_600_000);

/** The rows of a chart's layer `i`. */
function layerRows(spec: object, i: number): ChartRow[] {
  return (spec as { layer: Array<{ data: { values: ChartRow[] } }> }).layer[i]!.data.values;
}

describe('replicaRows', () => {
  it('draws desired and ready replicas as steps, closed at the end of the window', () => {
    const series = [
      { at: 0, desired: 2, ready: 2 },
      { at: 60_000, desired: 4, ready: 2 },
      { at: 120_000, desired: 4, ready: 4 },
    ];
    expect(replicaRows(series, 300_000, MIN)).toEqual([
      { t: 0, value: 2, series: 'desired' },
      { t: 1, value: 4, series: 'desired' },
      { t: 2, value: 4, series: 'desired' },
      { t: 5, value: 4, series: 'desired' },
      { t: 0, value: 2, series: 'ready' },
      { t: 1, value: 2, series: 'ready' },
      { t: 2, value: 4, series: 'ready' },
      { t: 5, value: 4, series: 'ready' },
    ]);
  });
});

describe('curveRows', () => {
  const window = { from: 0, to: 600_000 };

  it('samples a step curve at each step inside the window, so every step is drawn where it is', () => {
    const curve: UsageCurve = {
      shape: 'steps',
      initial: 1000,
      steps: [
        { at: 126_000, value: 3000 },
        { at: 700_000, value: 5000 },
      ],
    };
    const rows = curveRows(curve, window, MIN, 'cpu', 1 / 1000);
    // 241 evenly spaced samples (every 2.5 s) and the step at 126 s, which falls between two of them.
    expect(rows).toHaveLength(242);
    expect(rows.find((r) => r.t === 126_000 / 60_000)?.value).toBe(3);
    expect(rows.filter((r) => r.t < 126_000 / 60_000).every((r) => r.value === 1)).toBe(true);
    expect(rows.filter((r) => r.t >= 126_000 / 60_000).every((r) => r.value === 3)).toBe(true);
    // A step after the window is not drawn.
    expect(rows.some((r) => r.value === 5)).toBe(false);
  });

  it('samples a diurnal curve by its closed form, times the scale', () => {
    const curve: UsageCurve = { shape: 'diurnal', mean: 2000, amplitude: 0.5, period: 1_200_000, peakAt: 300_000 };
    const rows = curveRows(curve, window, MIN, 'cpu', 1 / 1000);
    expect(rows).toHaveLength(241);
    const at = (ms: number) => rows.find((r) => r.t === ms / 60_000)!.value;
    expect(at(300_000)).toBeCloseTo(3, 12); // the peak: mean·(1 + a)
    expect(at(0)).toBeCloseTo(2, 12); // a quarter period before it: the mean
    expect(at(600_000)).toBeCloseTo(2, 12);
  });
});

describe('loadOf', () => {
  const window = { from: 0, to: 600_000 };
  const cpu: UsageCurve = { shape: 'constant', value: 1500 };
  const memory: UsageCurve = { shape: 'constant', value: 512 };

  it('takes the cpu curve in cores, else the memory curve in MiB', () => {
    const both = loadOf('web', { usage: { web: { cpu, memory } } }, window, MIN)!;
    expect(both.title).toBe('cpu demand (cores)');
    expect(both.rows.every((r) => r.value === 1.5)).toBe(true);
    const mem = loadOf('web', { usage: { web: { memory } } }, window, MIN)!;
    expect(mem.title).toBe('memory demand (MiB)');
    expect(mem.rows.every((r) => r.value === 512)).toBe(true);
  });

  it('takes the requests sent per second of each traffic interval without a usage curve', () => {
    const { traffic } = runTraffic();
    const load = loadOf('web', { usage: { web: undefined }, traffic }, window, MIN)!;
    expect(load.title).toBe('requests sent per second');
    const rates = load.rows.slice(0, traffic.series.length).map((r) => r.value);
    traffic.series.forEach((s, i) => {
      const start = i === 0 ? traffic.window.from : traffic.series[i - 1]!.at;
      expect(rates[i]).toBeCloseTo((s.sent * 1000) / (s.at - start), 9);
    });
    // 40 requests/s on average (the scenario's Poisson rate), well within the noise of ten minutes.
    const mean = rates.reduce((a: number, b) => a + b!, 0) / rates.length;
    expect(mean).toBeGreaterThan(35);
    expect(mean).toBeLessThan(45);
  });

  it('is null without a usage curve or requests', () => {
    expect(loadOf('web', {}, window, MIN)).toBeNull();
    const empty = { series: [] } as unknown as TrafficMetrics;
    expect(loadOf('web', { traffic: empty }, window, MIN)).toBeNull();
  });
});

describe('scalingCharts of an autoscaled service on a node group', () => {
  const run = runScaled();
  const timeline = buildTimeline(run.sim.events(), { from: 0, to: run.sim.now });
  const { autoscaling, nodeScaling } = run;
  const usage = { web: run.sim.scenario.services.web!.usage };
  const charts = reportCharts(run.metrics, timeline, undefined, { autoscaling, nodeScaling, usage });
  const chart = (id: string) => charts.find((c) => c.id === id)!;

  it('adds a replicas-and-load chart per autoscaled service and the hosts joined, before the failures', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'allocation',
      'hosts',
      'containers',
      'replicas',
      'availability',
      'autoscaling-1',
      'node-scaling',
    ]);
    for (const c of charts) expect(() => compile(c.spec), c.id).not.toThrow();
    expect(chart('autoscaling-1').title).toBe('Replicas and load: web');
    expect(chart('autoscaling-1').description).toContain('between 1 and 12, against its cpu demand');
  });

  it('plots the autoscaler’s desired and ready replicas, and the cpu demand on a second axis', () => {
    const web = autoscaling.services.web!;
    expect(web.scaleUps).toBeGreaterThan(0);
    const spec = chart('autoscaling-1').spec;
    expect(layerRows(spec, 0)).toEqual(replicaRows(web.series, run.sim.now, MIN));
    const demand = layerRows(spec, 1);
    expect(demand.find((r) => r.t === 5)?.value).toBe(1);
    expect(demand.find((r) => r.t === 10)?.value).toBe(3);
    expect(demand.find((r) => r.t === 20)?.value).toBe(1);
    expect((spec as { resolve: unknown }).resolve).toEqual({ scale: { y: 'independent', color: 'independent' } });
  });

  it('plots the hosts joined at every change of node scaling, to the end of the run', () => {
    expect(nodeScaling.launched).toBeGreaterThan(0);
    const rows = layerRows(chart('node-scaling').spec, 0);
    expect(rows.slice(0, nodeScaling.hosts.length).map((r) => [r.t * 60_000, r.value])).toEqual(
      nodeScaling.hosts.map(([at, n]) => [at, n]),
    );
    expect(rows.at(-1)).toEqual({ t: 30, value: nodeScaling.finalHosts, series: 'hosts joined' });
    expect(Math.max(...rows.map((r) => r.value!))).toBe(nodeScaling.peakHosts);
  });

  it('draws nothing for a run without autoscalers or node scaling', () => {
    expect(scalingCharts({}, MIN, [], { from: 0, to: 1 })).toEqual([]);
  });
});
