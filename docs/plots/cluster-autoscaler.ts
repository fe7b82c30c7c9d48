// Lesson 12's plot: hosts in the cluster over the first two hours of the bursts, for three unneeded times.
import { collectNodeScaling, createSimulation } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { bursts } from '../examples/cluster-autoscaler/bursts.js';

const SETTINGS = [
  { label: '2 min unneeded', settings: { scaleDownUnneededTime: '2m', scaleDownDelayAfterAdd: '2m' } },
  { label: '10 min (default)', settings: {} },
  { label: '20 min unneeded', settings: { scaleDownUnneededTime: '20m' } },
] as const;

export function plot(): TopLevelSpec {
  const rows: Array<{ setting: string; minute: number; hosts: number }> = [];
  for (const { label, settings } of SETTINGS) {
    const sim = createSimulation(bursts(settings), { keepFinished: false });
    const scaling = collectNodeScaling(sim);
    sim.run('2h');
    const series = scaling.report().hosts;
    for (const [at, hosts] of series) rows.push({ setting: label, minute: at / 60_000, hosts });
    rows.push({ setting: label, minute: 120, hosts: series.at(-1)![1] });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Hosts in the cluster: a burst every half hour from 0:30', anchor: 'start' },
    data: { values: rows },
    width: 560,
    height: 220,
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'minute', type: 'quantitative', title: 'simulated minutes', scale: { domain: [0, 120] } },
      y: { field: 'hosts', type: 'quantitative', title: 'hosts', scale: { domain: [0, 5] } },
      color: { field: 'setting', type: 'nominal', title: null, sort: SETTINGS.map((s) => s.label) },
      strokeDash: { field: 'setting', type: 'nominal', sort: SETTINGS.map((s) => s.label) },
    },
    config: { legend: { orient: 'bottom', labelLimit: 400 } },
  };
}
