// Lesson 4's plot: the replicas of each revision over time during the lesson's update and its rollback,
// from the same steps as docs/examples/rolling-update.ts on the lesson's service
// (docs/examples/rolling-update/web.ts).
import type { TopLevelSpec } from 'vega-lite';
import { type Counts, cluster, watch } from '../examples/rolling-update/web.js';

const SERIES = ['old revision ready', 'new revision ready', 'all replicas (ready or not)'];

interface Row {
  readonly rollout: string;
  readonly series: string;
  readonly s: number;
  readonly replicas: number;
}

function rows(rollout: string, counts: readonly Counts[], endS: number): Row[] {
  const out: Row[] = [];
  const push = (s: number, c: Counts) => {
    out.push({ rollout, series: SERIES[0]!, s, replicas: c.oldReady });
    out.push({ rollout, series: SERIES[1]!, s, replicas: c.newReady });
    out.push({ rollout, series: SERIES[2]!, s, replicas: c.oldLive + c.newLive });
  };
  for (const c of counts) push(c.t / 1000, c);
  push(endS, counts.at(-1)!);
  return out;
}

export function plot(): TopLevelSpec {
  const sim = cluster();
  sim.update((desired) => {
    desired.services.web!.template.image = 'web:2';
  });
  const update = watch(sim, sim.now + 2 * 60_000, true);
  sim.update((desired) => {
    desired.services.web!.rollout = { maxSurge: 1, maxUnavailable: 0 };
  });
  sim.rollback('web');
  const rollback = watch(sim, sim.now + 3 * 60_000, true);
  const panels = [
    'update to web:2, maxSurge 25%, maxUnavailable 25%',
    'rollback to web:1, maxSurge 1, maxUnavailable 0',
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Ten replicas of web, rolled out and back', anchor: 'start' },
    data: { values: [...rows(panels[0]!, update, 60), ...rows(panels[1]!, rollback, 60)] },
    facet: {
      row: {
        field: 'rollout',
        type: 'nominal',
        title: null,
        sort: panels,
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' },
      },
    },
    spec: {
      width: 440,
      height: 130,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
      encoding: {
        x: { field: 's', type: 'quantitative', title: 'seconds from the change', scale: { domain: [0, 60] } },
        y: { field: 'replicas', type: 'quantitative', title: 'replicas', scale: { domain: [0, 14] } },
        color: { field: 'series', type: 'nominal', title: null, sort: SERIES },
        strokeDash: { field: 'series', type: 'nominal', title: null, sort: SERIES },
      },
    },
    config: { legend: { orient: 'top', labelLimit: 400 } },
  };
}
