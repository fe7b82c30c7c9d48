// Lesson 16's plot: the lesson's function (docs/examples/faas-side-by-side/scenario.ts) on each platform
// preset, two hours of the same bursty invocations: cold starts, refused invocations, memory held idle and
// the user's bill, one panel each.
import { createSimulation } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { PLATFORMS, scenario } from '../examples/faas-side-by-side/scenario.js';

const METRICS = ['cold starts (%)', 'refused (HTTP 429)', 'idle memory-time (GB·h)', 'user cost ($)'] as const;

interface Row {
  readonly platform: string;
  readonly metric: (typeof METRICS)[number];
  /** 0, with the text saying so, where the platform has no price per use (self-hosted OpenWhisk and Knative). */
  readonly value: number;
  readonly text: string;
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  for (const platform of PLATFORMS) {
    const sim = createSimulation(scenario(platform), { eventLog: { keep: 'none' } });
    sim.run();
    const f = sim.functions()!.functions.checkout!;
    const cold = 100 * f.coldStartRatio;
    const idle = f.idleGbSeconds / 3600;
    rows.push({ platform, metric: METRICS[0], value: cold, text: cold.toFixed(2) });
    rows.push({ platform, metric: METRICS[1], value: f.rejected, text: String(f.rejected) });
    rows.push({ platform, metric: METRICS[2], value: idle, text: idle.toFixed(2) });
    rows.push(
      Number.isNaN(f.cost)
        ? { platform, metric: METRICS[3], value: 0, text: 'no price per use' }
        : { platform, metric: METRICS[3], value: f.cost, text: f.cost.toFixed(4) },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'One function, the same bursty invocations, two hours on each platform', anchor: 'start' },
    data: { values: rows },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: [...METRICS] } },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 150,
      height: 140,
      encoding: {
        y: { field: 'platform', type: 'nominal', title: null, sort: PLATFORMS },
        x: { field: 'value', type: 'quantitative', title: null, axis: { tickCount: 4 } },
      },
      layer: [
        { mark: { type: 'bar', color: '#4c78a8' } },
        {
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, color: '#333' },
          encoding: {
            x: { datum: 0, type: 'quantitative' },
            text: { field: 'text', type: 'nominal' },
          },
        },
      ],
    },
  };
}
