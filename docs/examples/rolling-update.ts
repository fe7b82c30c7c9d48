// Lesson 4: a rolling update. maxSurge and maxUnavailable, readiness gating, a stalled rollout, rollback.
import { createSimulation, resolveCount, type Simulation } from '@berth/cluster';

// #region cluster
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
// #endregion

// #region arithmetic
const replicas = 10;
const maxSurge = resolveCount('25%', replicas, Math.ceil); // 2.5 rounds up to 3
const maxUnavailable = resolveCount('25%', replicas, Math.floor); // 2.5 rounds down to 2
console.log(`maxSurge ${maxSurge}: at most ${replicas + maxSurge} replicas at once`);
console.log(`maxUnavailable ${maxUnavailable}: at least ${replicas - maxUnavailable} ready at all times`);
// #endregion

// #region watch
/** Runs until `until`, printing the replica counts each time they change (times from now). */
function watch(sim: Simulation, until: number): void {
  const since = sim.now;
  const revision = sim.rolloutStatus('web').revision;
  let last = '';
  console.log('     t  old live  old ready  new live  new ready  total');
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
    console.log(`${`${(sim.now - since) / 1000} s`.padStart(6)}${row}`);
  } while (sim.env.peek() < until && sim.step());
  sim.run(until);
}
// #endregion

// #region update
sim.update((desired) => {
  desired.services.web!.template.image = 'web:2';
});
watch(sim, sim.now + 2 * 60_000);
// #endregion

// #region completed
function completed(): void {
  const done = sim.events().findLast((e) => e.type === 'rollout.completed');
  if (done?.type !== 'rollout.completed') return;
  console.log(`revision ${done.revision} completed in ${done.durationMs / 1000} s; fewest ready: ${done.minReady}`);
}
completed();
// #endregion

// #region rollback
sim.update((desired) => {
  desired.services.web!.rollout = { maxSurge: 1, maxUnavailable: 0 };
});
sim.rollback('web');
console.log(sim.rolloutStatus('web'));
watch(sim, sim.now + 3 * 60_000);
completed();
// #endregion

// #region stalled
sim.update((desired) => {
  delete desired.services.web!.rollout; // back to 25% / 25%
  desired.services.web!.template.requests = { cpu: '16', memory: '512Mi' }; // meant to be 1600m
});
const stalledFrom = sim.now;
watch(sim, sim.now + 15 * 60_000);
for (const e of sim.events()) {
  if (e.at < stalledFrom) continue;
  if (e.type === 'rollout.stalled') console.log(`rollout.stalled ${(e.at - stalledFrom) / 1000} s after the update`);
  if (e.type === 'placement.rejected' && e.attempt === 1) console.log(`${e.container}:`, e.reasons);
}
// #endregion
