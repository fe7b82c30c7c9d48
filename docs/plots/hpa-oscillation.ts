// Lesson 11's plot: the desired replicas over the first 30 minutes of the swinging demand, under three
// behaviours. The runs are those of docs/examples/hpa-oscillation.ts.
import { collectAutoscaling, createSimulation } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { swinging } from '../examples/hpa-oscillation/swinging.js';

export function plot(): TopLevelSpec {
  const behaviors: Array<[string, object]> = [
    ['scale-down window 0s', { scaleDown: { stabilizationWindow: '0s' } }],
    [
      'window 0s, 1 pod/min down',
      { scaleDown: { stabilizationWindow: '0s', policies: [{ type: 'Pods', value: 1, period: '1m' }] } },
    ],
    ['default (window 5m)', {}],
  ];
  const values: Array<{ minute: number; behaviour: string; replicas: number }> = [];
  for (const [name, behavior] of behaviors) {
    const sim = createSimulation(swinging(behavior), { keepFinished: false });
    const collector = collectAutoscaling(sim);
    sim.run('30m');
    const series = collector.report().services.web!.series;
    for (const p of series) values.push({ minute: p.at / 60_000, behaviour: name, replicas: p.desired });
    values.push({ minute: 30, behaviour: name, replicas: series.at(-1)!.desired });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Replicas asked for while the demand swings between 1.6 and 2.4 cores every 2 minutes',
      anchor: 'start',
    },
    width: 560,
    height: 220,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'minute', type: 'quantitative', title: 'minutes', scale: { domain: [0, 30], nice: false } },
      y: { field: 'replicas', type: 'quantitative', title: 'desired replicas', scale: { domain: [10, 21] } },
      color: { field: 'behaviour', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 400 } },
    },
  };
}
