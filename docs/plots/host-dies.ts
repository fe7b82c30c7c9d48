// Lesson 3's plot: the shop's replicas over time around the crash, under Kubernetes', Swarm's and Nomad's
// timings, from the runs of the lesson's failover (docs/examples/host-dies/failover.ts).
import { NODE_HEALTH_PRESETS, type NodeHealthSettings } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { failover } from '../examples/host-dies/failover.js';

const PRESETS: Record<string, NodeHealthSettings> = {
  Kubernetes: NODE_HEALTH_PRESETS.kubernetes,
  Swarm: NODE_HEALTH_PRESETS.swarm,
  Nomad: NODE_HEALTH_PRESETS.nomad,
};
const FROM_S = -30;
const TO_S = 420;
const ENDPOINTS = 'ready (in the endpoints)';
const ALIVE = 'alive (running on a live host)';

interface Row {
  readonly preset: string;
  readonly series: string;
  readonly s: number;
  readonly replicas: number;
}

interface Mark {
  readonly preset: string;
  readonly s: number;
  readonly label: string;
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  const marks: Mark[] = [];
  for (const [preset, settings] of Object.entries(PRESETS)) {
    const run = failover(settings);
    let ready = 0;
    let alive = 0;
    const push = (s: number) => {
      rows.push({ preset, series: ENDPOINTS, s, replicas: ready });
      rows.push({ preset, series: ALIVE, s, replicas: alive });
    };
    let started = false;
    for (const e of run.events) {
      const s = (e.at - run.crashAt) / 1000;
      if (s >= FROM_S && !started) {
        push(FROM_S);
        started = true;
      }
      if (e.type === 'container.ready') [ready, alive] = [ready + 1, alive + 1];
      else if (e.type === 'container.unready') ready--;
      else if (e.type === 'container.lost') alive--;
      else continue;
      if (started) push(s);
    }
    push(TO_S);
    if (preset === 'Kubernetes') {
      marks.push({ preset, s: run.detected / 1000, label: 'NotReady: 50 s grace after the last lease' });
      marks.push({ preset, s: run.evicted / 1000, label: 'evicted: 300 s toleration' });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'The shop after its host crashes at 0 s, three replicas wanted', anchor: 'start' },
    data: { values: [...rows, ...marks] },
    facet: { row: { field: 'preset', type: 'nominal', title: null, sort: Object.keys(PRESETS) } },
    spec: {
      width: 460,
      height: 90,
      layer: [
        {
          transform: [{ filter: 'datum.series != null' }],
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
          encoding: {
            x: { field: 's', type: 'quantitative', title: 'seconds from the crash', scale: { domain: [FROM_S, TO_S] } },
            y: { field: 'replicas', type: 'quantitative', title: 'replicas', scale: { domain: [0, 3.5] } },
            color: { field: 'series', type: 'nominal', title: null, sort: [ENDPOINTS, ALIVE] },
            strokeDash: { field: 'series', type: 'nominal', title: null, sort: [ENDPOINTS, ALIVE] },
          },
        },
        {
          transform: [{ filter: 'datum.label != null' }],
          mark: { type: 'rule', color: 'gray', strokeDash: [2, 2] },
          encoding: { x: { field: 's', type: 'quantitative' } },
        },
        {
          transform: [{ filter: 'datum.label != null' }],
          mark: { type: 'text', align: 'left', dx: 3, y: 8, fontSize: 10, color: 'gray' },
          encoding: { x: { field: 's', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    },
    config: { legend: { orient: 'top', labelLimit: 400 } },
  };
}
