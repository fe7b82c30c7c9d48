// Lesson 3, try it yourself: a 30 s toleration, a fourth replica that spares the pull, and a partition
// that runs the service on four containers until it heals.
import { createSimulation, NODE_HEALTH_PRESETS } from '@berth/cluster';
import { failover, scenario, type Timeline } from './host-dies/failover.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
const row = (name: string, t: Timeline) => {
  const pulled = t.events.some((e) => e.at >= t.crashAt && e.type === 'container.pulling');
  console.log(
    `${name.padEnd(28)}${seconds(t.detected)}  ${seconds(t.evicted)}  ${seconds(t.ready)}   ${pulled ? 'yes' : 'no'}`,
  );
};

console.log(`${'kubernetes'.padEnd(28)}detected   evicted     ready   pulled`);
row('3 replicas, 300 s (default)', failover(NODE_HEALTH_PRESETS.kubernetes));
row('3 replicas, 30 s toleration', failover({ ...NODE_HEALTH_PRESETS.kubernetes, evictionTimeoutMs: 30_000 }));
const shop = scenario.services!.shop!;
row(
  '4 replicas, 300 s',
  failover(NODE_HEALTH_PRESETS.kubernetes, { ...scenario, services: { shop: { ...shop, replicas: 4 } } }),
);

// A partition instead of a crash: the cut-off host keeps running shop-0, which the control plane evicted.
const sim = createSimulation(scenario);
sim.run('10m');
const victim = sim.container('shop-0')!.host!.name;
const t0 = sim.now;
sim.partitionHost(victim, { healAfter: '10m' });
console.log(`\n${victim} is partitioned at ${t0 / 1000} s and heals 600 s later. Shop processes alive:`);
for (const after of [60, 300, 420, 599, 601, 630]) {
  sim.run(t0 + after * 1000);
  const alive = [...sim.allContainers()].filter((c) => c.health.alive);
  const names = alive.map((c) => `${c.name}${c.phase === 'running' ? '' : ` (${c.phase})`}`);
  console.log(`  ${String(after).padStart(3)} s after: ${alive.length}  ${names.join(', ')}`);
}
