// Lesson 10's plot: a day of cpu demand, as the replicas it needs at the 60 % target, against the
// replicas the autoscaler keeps ready. The run is that of docs/examples/daily-peak.ts.
import type { TopLevelSpec } from 'vega-lite';
import { day, runDay } from '../examples/daily-peak/dailyPeak.js';

export function plot(): TopLevelSpec {
  const { samples } = runDay(day(true), 300_000);
  const values = samples.flatMap((s) => [
    { hour: s.at / 3_600_000, series: 'needed at 60 % (demand ÷ 0.3 core)', replicas: s.demand / 300 },
    { hour: s.at / 3_600_000, series: 'ready replicas (HPA)', replicas: s.ready },
  ]);
  values.push(
    { hour: 0, series: 'static fleet for the peak', replicas: 17 },
    { hour: 24, series: 'static fleet for the peak', replicas: 17 },
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'A day of demand and the replicas the HPA keeps ready (target 60 % cpu)', anchor: 'start' },
    width: 560,
    height: 240,
    data: { values },
    encoding: {
      x: { field: 'hour', type: 'quantitative', title: 'hour of the day', scale: { domain: [0, 24], nice: false } },
      y: { field: 'replicas', type: 'quantitative', title: 'replicas' },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 400 } },
    },
    layer: [
      { transform: [{ filter: "datum.series !== 'ready replicas (HPA)'" }], mark: 'line' },
      {
        transform: [{ filter: "datum.series === 'ready replicas (HPA)'" }],
        mark: { type: 'line', interpolate: 'step-after' },
      },
    ],
  };
}
