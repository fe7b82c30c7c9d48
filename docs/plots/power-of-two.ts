// Lesson 7's plot: mean and p99 time in system against load for four balancing policies on ten replicas,
// the runs of docs/examples/power-of-two.ts as points and queueing theory as lines.
import type { TopLevelSpec } from 'vega-lite';
import { exponentialP99, THEORY } from '../examples/power-of-two/closedForms.js';
import {
  balancing,
  LOADS,
  MEAN_SERVICE_MS,
  POLICIES,
  REPLICAS,
  timeInSystem,
} from '../examples/power-of-two/timeInSystem.js';

type Policy = (typeof POLICIES)[number];

const LABELS: Record<Policy, string> = {
  random: 'random (kube-proxy)',
  'round-robin': 'round robin',
  'least-request': 'least-request (P2C)',
  'join-shortest-queue': 'JSQ (full information)',
  'shared-queue': 'shared queue',
};

interface Row {
  readonly policy: string;
  readonly load: number;
  readonly statistic: 'mean' | '99th percentile';
  readonly ms: number;
  readonly from: 'simulation' | 'theory';
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  for (const load of LOADS) {
    for (const policy of POLICIES) {
      const run = timeInSystem(balancing(policy, load));
      const policyLabel = LABELS[policy];
      rows.push({ policy: policyLabel, load, statistic: 'mean', ms: run.mean, from: 'simulation' });
      rows.push({ policy: policyLabel, load, statistic: '99th percentile', ms: run.p99, from: 'simulation' });
    }
  }
  // Theory every 0.01 of load, to just past the last load run (join-the-shortest-queue has no closed
  // form). Only random and round robin have an exponential time in system, hence a simple 99th percentile.
  for (let percent = 5; percent <= 92; percent++) {
    const load = percent / 100;
    for (const policy of Object.keys(THEORY) as (keyof typeof THEORY)[]) {
      const mean = THEORY[policy](load, MEAN_SERVICE_MS, REPLICAS);
      rows.push({ policy: LABELS[policy], load, statistic: 'mean', ms: mean, from: 'theory' });
      if (policy !== 'random' && policy !== 'round-robin') continue;
      rows.push({
        policy: LABELS[policy],
        load,
        statistic: '99th percentile',
        ms: exponentialP99(mean),
        from: 'theory',
      });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Simulated (points) and theory (lines)', anchor: 'start' },
    data: { values: rows },
    facet: { column: { field: 'statistic', type: 'nominal', title: null, sort: ['mean', '99th percentile'] } },
    spec: {
      width: 300,
      height: 260,
      encoding: {
        x: { field: 'load', type: 'quantitative', title: 'utilisation ρ', scale: { domain: [0, 0.95] } },
        y: {
          field: 'ms',
          type: 'quantitative',
          title: 'time in system (ms)',
          scale: { type: 'log', domain: [8, 600] },
        },
        color: { field: 'policy', type: 'nominal', title: null, sort: POLICIES.map((p) => LABELS[p]) },
      },
      layer: [
        { transform: [{ filter: "datum.from === 'theory'" }], mark: { type: 'line', strokeWidth: 1.5 } },
        { transform: [{ filter: "datum.from === 'simulation'" }], mark: { type: 'point', filled: true, size: 40 } },
      ],
    },
    config: { legend: { orient: 'right', labelLimit: 400 } },
  };
}
