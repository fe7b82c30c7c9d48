// Lesson 4, try it yourself: maxSurge 0 never exceeds ten replicas, maxSurge 100% is blue-green in one
// step, and a paused service rolls nothing until it is resumed.
import { cluster, watch } from './rolling-update/web.js';

function rollout(settings: { maxSurge: number | string; maxUnavailable: number | string }): void {
  const sim = cluster();
  sim.update((desired) => {
    desired.services.web!.rollout = settings;
    desired.services.web!.template.image = 'web:2';
  });
  console.log(`\nrollout ${JSON.stringify(settings)}`);
  const counts = watch(sim, sim.now + 3 * 60_000);
  const totals = counts.map((c) => c.oldLive + c.newLive);
  const ready = counts.map((c) => c.oldReady + c.newReady);
  console.log(`most replicas at once: ${Math.max(...totals)}; fewest ready: ${Math.min(...ready)}`);
}

rollout({ maxSurge: 0, maxUnavailable: 1 });
rollout({ maxSurge: '100%', maxUnavailable: 0 });

// Paused: the new template waits until the service is resumed.
const sim = cluster();
sim.update((desired) => {
  desired.services.web!.paused = true;
});
sim.update((desired) => {
  desired.services.web!.template.image = 'web:2';
});
const pausedAt = sim.now;
const images = () => {
  const count = new Map<string, number>();
  for (const c of sim.allContainers()) {
    if (c.service === 'web' && c.finishedAt < 0)
      count.set(c.spec.image ?? '', (count.get(c.spec.image ?? '') ?? 0) + 1);
  }
  return [...count].map(([image, n]) => `${n} × ${image}`).join(', ');
};
sim.run(pausedAt + 5 * 60_000);
console.log(`\npaused, new template applied; 5 min later: ${images()}`);
sim.update((desired) => {
  desired.services.web!.paused = false;
});
const resumedAt = sim.now;
sim.run(resumedAt + 2 * 60_000);
console.log(`resumed; 2 min later: ${images()}`);
const done = sim.events().findLast((e) => e.type === 'rollout.completed');
if (done?.type === 'rollout.completed') {
  const since = (t: number) => `${(done.at - t) / 1000} s`;
  console.log(`rollout completed ${since(resumedAt)} after the resume, ${since(pausedAt)} after the template changed`);
}
