// Lesson 5's plot: when the container is in the endpoints, and when it restarts, in the lesson's four
// runs, from its container (docs/examples/liveness-readiness/app.ts) with the lesson's probes and faults.
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { app } from '../examples/liveness-readiness/app.js';

const END_S = 240;
const liveness = { initialDelay: '10s' };
const readiness = {};
const RUNS: [string, ScenarioInput, string][] = [
  [
    'hang at 60 s: liveness restarts it',
    app({ probes: { liveness, readiness } }, [{ kind: 'hang', at: '1m', container: 'api' }]),
    'api',
  ],
  [
    'database down 60-105 s: readiness only',
    app({ probes: { liveness, readiness } }, [
      { kind: 'readiness-failure', at: '1m', container: 'api', duration: '45s' },
    ]),
    'api',
  ],
  [
    '45 s start, no startup probe: crash loop',
    app({ name: 'legacy', probes: { liveness: {}, readiness }, warmup: '45s' }),
    'legacy',
  ],
  [
    '45 s start, startup probe',
    app({ name: 'legacy', probes: { liveness: {}, readiness, startup: { failureThreshold: 30 } }, warmup: '45s' }),
    'legacy',
  ],
];

interface Row {
  readonly run: string;
  readonly s: number;
  readonly ready?: number;
  readonly restart?: string;
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  for (const [run, scenario, name] of RUNS) {
    const sim = createSimulation(scenario);
    sim.run(END_S * 1000);
    rows.push({ run, s: 0, ready: 0 });
    let ready = 0;
    for (const e of sim.events()) {
      if (!('container' in e) || e.container !== name) continue;
      const s = e.at / 1000;
      if (e.type === 'container.ready') ready = 1;
      else if (e.type === 'container.unready') ready = 0;
      else if (e.type === 'container.crashed') {
        ready = 0;
        rows.push({ run, s, restart: e.reason });
      } else continue;
      rows.push({ run, s, ready });
    }
    rows.push({ run, s: END_S, ready });
  }
  const x = { field: 's', type: 'quantitative' as const, title: 'seconds', scale: { domain: [0, END_S] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'In the endpoints (line) and restarted (red ticks)', anchor: 'start' },
    data: { values: rows },
    facet: {
      row: {
        field: 'run',
        type: 'nominal',
        title: null,
        sort: RUNS.map((r) => r[0]),
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' },
      },
    },
    spec: {
      width: 460,
      height: 40,
      layer: [
        {
          transform: [{ filter: 'datum.ready != null' }],
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
          encoding: {
            x,
            y: {
              field: 'ready',
              type: 'quantitative',
              title: 'ready',
              scale: { domain: [0, 1] },
              axis: { values: [0, 1], format: 'd' },
            },
          },
        },
        {
          transform: [{ filter: 'datum.restart != null' }],
          mark: { type: 'tick', color: 'firebrick', thickness: 3, size: 36, orient: 'vertical' },
          encoding: { x },
        },
      ],
    },
  };
}
