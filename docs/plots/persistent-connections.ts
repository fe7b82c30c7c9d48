// Lesson 9's plot: how unevenly five frontends load ten replicas through kube-proxy, against the number
// of persistent connections each frontend opens; the runs of docs/examples/persistent-connections.ts as
// points, balls-into-bins theory as lines.
import type { TopLevelSpec } from 'vega-lite';
import { expectedImbalance, idleShare } from '../examples/persistent-connections/ballsIntoBins.js';
import { CONNECTIONS, FRONTENDS, REPLICAS, spread } from '../examples/persistent-connections/frontends.js';

interface Row {
  readonly panel: 'busiest replica / mean' | 'replicas with no connection';
  readonly connections: number;
  readonly value: number;
  readonly from: 'one seed' | 'mean of 20 seeds' | 'theory' | 'a new connection per request';
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  const average = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const connections of CONNECTIONS) {
    const runs = spread(connections);
    for (const run of runs) {
      rows.push({ panel: 'busiest replica / mean', connections, value: run.imbalance, from: 'one seed' });
      rows.push({ panel: 'replicas with no connection', connections, value: run.idle, from: 'one seed' });
    }
    const imbalance = average(runs.map((r) => r.imbalance));
    rows.push({ panel: 'busiest replica / mean', connections, value: imbalance, from: 'mean of 20 seeds' });
    const idle = average(runs.map((r) => r.idle));
    rows.push({ panel: 'replicas with no connection', connections, value: idle, from: 'mean of 20 seeds' });
  }
  const perRequest = average(spread(0).map((r) => r.imbalance));
  for (const connections of [CONNECTIONS[0]!, CONNECTIONS.at(-1)!]) {
    rows.push({
      panel: 'busiest replica / mean',
      connections,
      value: perRequest,
      from: 'a new connection per request',
    });
  }
  for (const connections of [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]) {
    const k = FRONTENDS * connections;
    rows.push({ panel: 'busiest replica / mean', connections, value: expectedImbalance(k, REPLICAS), from: 'theory' });
    const idle = REPLICAS * idleShare(k, REPLICAS);
    rows.push({ panel: 'replicas with no connection', connections, value: idle, from: 'theory' });
  }
  const only = (...kinds: Row['from'][]) => ({ filter: { field: 'from', oneOf: kinds } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${FRONTENDS} frontends, ${REPLICAS} replicas, each connection to a replica drawn at random`,
      anchor: 'start',
    },
    data: { values: rows },
    facet: { column: { field: 'panel', type: 'nominal', title: null } },
    spec: {
      width: 280,
      height: 220,
      encoding: {
        x: {
          field: 'connections',
          type: 'quantitative',
          title: 'persistent connections per frontend',
          scale: { type: 'log', base: 2, domain: [0.8, 80] },
          axis: { values: CONNECTIONS },
        },
        y: { field: 'value', type: 'quantitative', title: null },
        color: {
          field: 'from',
          type: 'nominal',
          title: null,
          scale: {
            domain: ['one seed', 'mean of 20 seeds', 'theory', 'a new connection per request'],
            range: ['#bbb', '#d62728', '#1f77b4', '#2ca02c'],
          },
        },
      },
      layer: [
        { transform: [only('one seed')], mark: { type: 'point', size: 12, opacity: 0.5 } },
        { transform: [only('theory')], mark: { type: 'line', strokeWidth: 1.5 } },
        { transform: [only('a new connection per request')], mark: { type: 'line', strokeDash: [5, 3] } },
        { transform: [only('mean of 20 seeds')], mark: { type: 'point', filled: true, size: 50 } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
    config: { legend: { orient: 'bottom', labelLimit: 400 } },
  };
}
