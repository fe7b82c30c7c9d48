// Lesson 4: a rolling update. maxSurge and maxUnavailable, readiness gating, a stalled rollout, rollback.
import { resolveCount } from '@berth/cluster';
import { cluster, watch } from './rolling-update/web.js';

// #region cluster
const sim = cluster();
// #endregion

// #region arithmetic
const replicas = 10;
const maxSurge = resolveCount('25%', replicas, Math.ceil); // 2.5 rounds up to 3
const maxUnavailable = resolveCount('25%', replicas, Math.floor); // 2.5 rounds down to 2
console.log(`maxSurge ${maxSurge}: at most ${replicas + maxSurge} replicas at once`);
console.log(`maxUnavailable ${maxUnavailable}: at least ${replicas - maxUnavailable} ready at all times`);
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
