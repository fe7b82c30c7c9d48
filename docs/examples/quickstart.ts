// Quick start: a small cluster, a web service and a batch job, placed by the Kubernetes scheduler.
import { createSimulation } from '@berth/cluster';

const sim = createSimulation({
  seed: 42,
  hosts: [
    { group: 'small', count: 3, capacity: { cpu: '2', memory: '8Gi' }, labels: { zone: 'a' } },
    { group: 'large', count: 2, capacity: { cpu: '8', memory: '32Gi' }, labels: { zone: 'b' } },
  ],
  images: { web: { pullTime: '8s' }, batch: { pullTime: '20s' } },
  services: {
    web: { replicas: 6, template: { requests: { cpu: '500m', memory: '1Gi' }, image: 'web', startup: '3s' } },
  },
  jobs: {
    report: {
      submitAt: '30s',
      tasks: [{ count: 24, requests: { cpu: '1', memory: '2Gi' }, image: 'batch', duration: '2m' }],
    },
  },
});

sim.run('10m');

const snapshot = sim.snapshot();
console.log(`At ${snapshot.at / 1000} s (simulated), on the 'kubernetes' strategy:`);
for (const host of Object.values(snapshot.hosts)) {
  const cpu = `${host.allocated.cpu}/${host.capacity.cpu}m cpu`;
  console.log(`  ${host.name.padEnd(8)} ${cpu.padEnd(16)} ${host.containers.join(' ') || '(empty)'}`);
}
const containers = Object.values(snapshot.containers);
const done = containers.filter((c) => c.phase === 'succeeded');
const waits = done.map((c) => (c.scheduledAt - c.createdAt) / 1000);
console.log(`web replicas running: ${containers.filter((c) => c.service === 'web' && c.phase === 'running').length}`);
console.log(`report tasks finished: ${done.length} of 24; longest wait for a host ${Math.max(...waits)} s`);
console.log(`events logged: ${sim.log.size}`);
