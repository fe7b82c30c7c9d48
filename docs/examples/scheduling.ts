// Lesson 2: why did my container land there? Filters, scores and the explain record.
import { createSimulation, formatDecision, type ScenarioInput } from '@berth/cluster';

// #region cluster
const scenario: ScenarioInput = {
  seed: 1,
  hosts: [
    { name: 'small-a', capacity: { cpu: '2', memory: '4Gi' }, labels: { zone: 'a' } },
    { name: 'large-a', capacity: { cpu: '8', memory: '32Gi' }, labels: { zone: 'a' } },
    { name: 'medium-b', capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'b' } },
    {
      name: 'gpu-b',
      capacity: { cpu: '8', memory: '32Gi', gpu: 1 },
      labels: { zone: 'b' },
      taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
    },
  ],
  containers: [
    // A database pinned to large-a (like a pod with nodeName set): the scheduler is bypassed.
    { name: 'db', requests: { cpu: '4', memory: '8Gi' }, host: 'large-a' },
    // A batch report that asks for more CPU than any untainted host has free.
    { name: 'report', requests: { cpu: '6', memory: '8Gi' }, at: '90s' },
  ],
};
// #endregion

// #region web
const web = {
  replicas: 3,
  template: {
    requests: { cpu: '1', memory: '2Gi' },
    // At most one more replica in one zone than in the other.
    spread: [{ topologyKey: 'zone', maxSkew: 1 }],
  },
};
// #endregion

// #region explain
const sim = createSimulation(scenario, { explain: ['web-0', 'web-1', 'web-2', 'report'] });
sim.run('1m'); // the database starts
sim.update((desired) => {
  desired.services.web = web;
});
sim.run('2m');

for (const name of ['web-0', 'web-1', 'web-2']) {
  for (const decision of sim.decisions(name)) console.log(formatDecision(decision));
}
// #endregion

// #region report
const attempts = sim.decisions('report');
console.log(formatDecision(attempts[0]!));
console.log(`report is ${sim.container('report')!.phase} at ${sim.now / 1000} s after ${attempts.length} attempt(s)`);
// #endregion

// #region most-allocated
const packed = createSimulation(scenario, { strategy: 'most-allocated', explain: ['web-0'] });
packed.run('1m');
packed.update((desired) => {
  desired.services.web = web;
});
packed.run('2m');
console.log();
console.log(formatDecision(packed.decisions('web-0')[0]!));
// #endregion
