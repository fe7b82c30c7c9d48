// Lesson 15's plot: each function's cold starts against the memory it held idle, one point per keep-alive
// policy, a day of the lesson's three functions (docs/examples/keep-alive/scenario.ts) per policy: no
// keep-alive, fixed keep-alives from 1 minute to 2 hours, and the hybrid histogram policy (its 4-hour range:
// within a day, ranges of 1 and 2 hours give the same cold starts, and the same idle memory but the webhook's).
import { createSimulation } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { definitions, type KeepAlive, scenario } from '../examples/keep-alive/scenario.js';

const FIXED_MINUTES = [1, 5, 10, 20, 30, 60, 120];
/** The fixed keep-alives labelled on the plot (the others are unlabelled points on the same line). */
const LABELLED = new Set(['none', '10 min', '2 h']);

interface Row {
  readonly fn: string;
  readonly policy: string;
  readonly family: string;
  readonly order: number;
  readonly label: string;
  readonly idleGbH: number;
  readonly coldPercent: number;
}

export function plot(): TopLevelSpec {
  const runs: Array<{ policy: string; family: string; keepAlive: KeepAlive }> = [
    { policy: 'none', family: 'fixed: none, 1, 5, 10, 20, 30 min, 1 h, 2 h', keepAlive: { policy: 'none' } },
    ...FIXED_MINUTES.map((m) => ({
      policy: m < 60 ? `${m} min` : `${m / 60} h`,
      family: 'fixed: none, 1, 5, 10, 20, 30 min, 1 h, 2 h',
      keepAlive: { policy: 'fixed' as const, ttl: `${m}m` },
    })),
    { policy: 'hybrid', family: 'hybrid histogram', keepAlive: { policy: 'hybrid' } },
  ];
  const rows: Row[] = [];
  runs.forEach((run, order) => {
    const sim = createSimulation(scenario(run.keepAlive), { eventLog: { keep: 'none' } });
    sim.run();
    const report = sim.functions()!;
    for (const fn of Object.keys(definitions)) {
      const f = report.functions[fn]!;
      rows.push({
        fn,
        policy: run.policy,
        family: run.family,
        order,
        label: LABELLED.has(run.policy) || run.family[0] === 'h' ? run.policy : '',
        idleGbH: f.idleGbSeconds / 3600,
        coldPercent: 100 * f.coldStartRatio,
      });
    }
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Cold starts against memory held idle, one day per policy', anchor: 'start' },
    data: { values: rows },
    facet: { column: { field: 'fn', type: 'nominal', title: null, sort: Object.keys(definitions) } },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 220,
      height: 220,
      encoding: {
        x: { field: 'idleGbH', type: 'quantitative', title: 'idle memory-time (GB·h)' },
        y: {
          field: 'coldPercent',
          type: 'quantitative',
          title: 'cold starts (% of invocations)',
          // Symmetric log: 0 stays 0, and the few per cent left warm by the longer keep-alives are apart.
          scale: { type: 'symlog', domain: [0, 100] },
          axis: { values: [0, 1, 2, 5, 10, 20, 50, 100] },
        },
        color: { field: 'family', type: 'nominal', title: null },
      },
      layer: [
        {
          transform: [{ filter: "datum.family[0] === 'f'" }],
          mark: { type: 'line', strokeWidth: 1.5, point: { filled: true, size: 40 } },
          encoding: { order: { field: 'order', type: 'quantitative' } },
        },
        {
          transform: [{ filter: "datum.family[0] === 'h'" }],
          mark: { type: 'point', shape: 'diamond', filled: true, size: 80 },
        },
        {
          transform: [{ filter: "datum.family[0] === 'f'" }],
          mark: { type: 'text', align: 'left', dx: 4, dy: -7, fontSize: 9 },
          encoding: { text: { field: 'label', type: 'nominal' }, color: { value: '#555' } },
        },
        {
          transform: [{ filter: "datum.family[0] === 'h'" }],
          mark: { type: 'text', align: 'left', dx: 5, dy: 10, fontSize: 9 },
          encoding: { text: { field: 'label', type: 'nominal' }, color: { value: '#555' } },
        },
      ],
    },
    config: { legend: { orient: 'top', labelLimit: 400 } },
  };
}
