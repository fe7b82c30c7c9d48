// Lesson 12, try it yourself: two node groups under each expander, a disruption budget against a
// gradual scale-down, and the same bursts with a Karpenter-like provisioner.
import { collectMetrics, collectNodeScaling, createSimulation, type ScenarioInput } from '@berth/cluster';
import { bursts } from './cluster-autoscaler/bursts.js';

/** Runs a scenario to its horizon; returns the node-scaling report and the longest wait for a place. */
function run(scenario: ScenarioInput) {
  const sim = createSimulation(scenario, { keepFinished: false });
  const metrics = collectMetrics(sim);
  const scaling = collectNodeScaling(sim);
  sim.run();
  return { sim, r: scaling.report(), maxWait: Math.round((metrics.report().pending.max ?? 0) / 1000) };
}

// 1. Two groups: small hosts (2 cpu, $0.12/h) and large ones (8 cpu, $0.36/h, priority 10).
console.log('expander               small launched  large launched    cost  longest wait');
for (const expander of ['least-waste', 'most-pods', 'price', 'priority', 'priority,least-waste']) {
  const s = bursts({ expander });
  s.nodeGroups = [
    { name: 'small', template: { capacity: { cpu: '2', memory: '8Gi' } }, max: 10, hourlyCost: 0.12 },
    { name: 'large', template: { capacity: { cpu: '8', memory: '32Gi' } }, max: 3, hourlyCost: 0.36, priority: 10 },
  ];
  const { r, maxWait } = run(s);
  const g = (name: string) => String(r.groups[name]?.launched ?? 0).padStart(14);
  console.log(
    `${expander.padEnd(22)} ${g('small')}  ${g('large')}  ${r.cost.toFixed(2).padStart(6)}  ${maxWait.toFixed(0)} s`,
  );
}

// 2. Hosts that take 8 minutes to join instead of 3 to 4: every burst waits for them.
console.log();
for (const minutes of [null, 8]) {
  const s = bursts();
  if (minutes !== null) s.nodeGroups![0]!.provisioning = { dist: 'constant', value: `${minutes}m` };
  const { r, maxWait } = run(s);
  const label = minutes === null ? 'joining in 3-4 min' : `joining in ${minutes} min`;
  console.log(`${label}: ${r.launched} launched, ${r.hostHours.toFixed(2)} host-hours, longest wait ${maxWait} s`);
}

// 3. A provisioner instead of the node group: the same host type in its catalog.
console.log();
const karpenter = bursts();
delete karpenter.nodeGroups;
delete karpenter.clusterAutoscaler;
karpenter.provisioner = {
  instanceTypes: [{ name: 'pool', capacity: { cpu: '4', memory: '16Gi' }, hourlyCost: 0.2 }],
};
for (const [name, scenario] of [
  ['cluster autoscaler', bursts()],
  ['provisioner', karpenter],
] as const) {
  const { sim, r, maxWait } = run(scenario);
  const first = sim.events().find((e) => e.type === 'nodegroup.scaledUp' || e.type === 'provisioner.launched');
  const gone = sim.events().find((e) => e.type === 'node.removed');
  const clock = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString().slice(11, 19));
  console.log(
    `${name.padEnd(18)}: first launch ${clock(first?.at)}, first removal ${clock(gone?.at)}, ` +
      `${r.launched} launched, ${r.hostHours.toFixed(2)} host-hours, longest wait ${maxWait} s`,
  );
}
