// Lesson 4's service and the function that watches it roll: docs/examples/rolling-update.ts runs them, as
// do the lesson's exercise and its plot.
import { createSimulation, type Simulation } from '@berth/cluster';

// #region cluster
/** Four hosts and ten replicas of `web:1`, two minutes in: everything is running. */
export function cluster(): Simulation {
  const sim = createSimulation({
    seed: 4,
    hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
    images: { 'web:1': { pullTime: '10s' }, 'web:2': { pullTime: '10s' } },
    services: {
      web: {
        replicas: 10,
        template: { requests: { cpu: '500m', memory: '512Mi' }, image: 'web:1', startup: '5s' },
      },
    },
  });
  sim.run('2m');
  return sim;
}
// #endregion

// #region watch
/** The replica counts at one instant, `t` ms after the watch began. */
export interface Counts {
  readonly t: number;
  readonly oldLive: number;
  readonly oldReady: number;
  readonly newLive: number;
  readonly newReady: number;
}

/** Runs until `until`; returns (and unless `quiet`, prints) the replica counts each time they change. */
export function watch(sim: Simulation, until: number, quiet = false): Counts[] {
  const since = sim.now;
  const revision = sim.rolloutStatus('web').revision;
  const changes: Counts[] = [];
  let last = '';
  if (!quiet) console.log('     t  old live  old ready  new live  new ready  total');
  do {
    // Count once per instant, after everything that happens at that instant.
    if (sim.env.peek() === sim.now) continue;
    const n = [0, 0, 0, 0];
    for (const c of sim.allContainers()) {
      if (c.service !== 'web' || c.finishedAt >= 0) continue;
      const column = (c.spec.revision ?? 0) === revision ? 2 : 0;
      n[column]! += 1;
      if (c.health.ready) n[column + 1]! += 1;
    }
    const row = [...n, n[0]! + n[2]!].map((x, i) => String(x).padStart(i === 0 ? 9 : 10)).join('');
    if (row === last) continue;
    last = row;
    changes.push({ t: sim.now - since, oldLive: n[0]!, oldReady: n[1]!, newLive: n[2]!, newReady: n[3]! });
    if (!quiet) console.log(`${`${(sim.now - since) / 1000} s`.padStart(6)}${row}`);
  } while (sim.env.peek() < until && sim.step());
  sim.run(until);
  return changes;
}
// #endregion
