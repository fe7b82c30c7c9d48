// Lesson 14's plot: the cold-start ratio against λT, the product of the invocation rate and the keep-alive,
// a week of the lesson's function (docs/examples/cold-starts/scenario.ts) at each keep-alive as points and
// e^(−λT) as a line.
import { createSimulation } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { RATE, scenario } from '../examples/cold-starts/scenario.js';

const KEEP_ALIVE_MINUTES = [1, 2, 3, 5, 7, 10, 15, 20, 25, 30];

interface Row {
  readonly lambdaT: number;
  readonly percent: number;
  readonly from: string;
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  for (const minutes of KEEP_ALIVE_MINUTES) {
    const sim = createSimulation(scenario(`${minutes}m`), { eventLog: { keep: 'none' } });
    sim.run();
    const f = sim.functions()!.functions.resize!;
    rows.push({ lambdaT: RATE * minutes * 60, percent: 100 * f.coldStartRatio, from: 'simulated, a week each' });
  }
  for (let step = 1; step <= 60; step++) {
    const lambdaT = step / 10;
    rows.push({ lambdaT, percent: 100 * Math.exp(-lambdaT), from: 'P(cold) = e^(−λT)' });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Cold starts against keep-alive, one invocation every 5 minutes', anchor: 'start' },
    data: { values: rows },
    width: 420,
    height: 260,
    encoding: {
      x: { field: 'lambdaT', type: 'quantitative', title: 'λT (keep-alive T in mean gaps 1/λ)' },
      y: {
        field: 'percent',
        type: 'quantitative',
        title: 'cold starts (% of invocations)',
        scale: { type: 'log', domain: [0.1, 100] },
      },
      color: { field: 'from', type: 'nominal', title: null },
    },
    layer: [
      { transform: [{ filter: "datum.from[0] === 'P'" }], mark: { type: 'line', strokeWidth: 1.5 } },
      { transform: [{ filter: "datum.from[0] === 's'" }], mark: { type: 'point', filled: true, size: 40 } },
    ],
    config: { legend: { orient: 'top-right', labelLimit: 400 } },
  };
}
