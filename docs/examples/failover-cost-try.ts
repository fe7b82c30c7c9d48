// Lesson 8, try it yourself: a planned removal (a scale-down) fails requests when the replica stops at
// once, and none when it leaves the endpoints first and drains (preStop and a grace period).
import { createSimulation } from '@berth/cluster';
import { shop } from './failover-cost/crashUnderLoad.js';

for (const graceful of [false, true]) {
  const scenario = shop();
  if (graceful) {
    const template = scenario.services!.shop!.template;
    scenario.services!.shop!.template = { ...template, preStop: '2s', terminationGracePeriod: '30s' };
  }
  const sim = createSimulation(scenario);
  sim.run('30s');
  const scaledAt = sim.now;
  sim.update((desired) => {
    desired.services.shop!.replicas = 3;
  });
  sim.run('60s');
  const failed = sim.events().filter((e) => e.type === 'request.failed' && e.at >= scaledAt);
  const causes = [...new Set(failed.map((e) => (e.type === 'request.failed' ? e.cause : '')))].join(', ');
  const how = `${graceful ? 'preStop 2 s, grace 30 s' : 'stopped at once'}:`.padEnd(25);
  console.log(
    `scale 4 → 3, ${how} ${String(failed.length).padStart(3)} failed ${causes === '' ? '' : `(${causes})`}`.trimEnd(),
  );
}
