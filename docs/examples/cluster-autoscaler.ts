// Lesson 12: what the cluster autoscaler waits for. A burst every half hour on an autoscaled node group:
// the timeline of one burst, then the cost and the wait of three scale-down settings.
import {
  type ClusterEvent,
  collectMetrics,
  collectNodeScaling,
  createSimulation,
  type ScenarioInput,
} from '@berth/cluster';
import { bursts } from './cluster-autoscaler/bursts.js';

// #region timeline
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const sim = createSimulation(bursts());
sim.run('1h05m');
const shown = new Set<ClusterEvent['type']>([
  'nodegroup.scaledUp',
  'host.added',
  'nodegroup.scaledDown',
  'node.removed',
]);
let firstRejection = -1;
let lastPlacement = -1;
for (const e of sim.events()) {
  if (e.at < 1_800_000) continue;
  if (e.type === 'placement.rejected' && firstRejection < 0) firstRejection = e.at;
  if (e.type === 'container.scheduled' && e.at < 2_700_000) lastPlacement = e.at;
  if (e.type === 'desired.changed') console.log(`${clock(e.at)}  web wants ${String(e.patches[0]?.value)} replicas`);
  if (!shown.has(e.type)) continue;
  if (e.type === 'nodegroup.scaledUp') console.log(`${clock(e.at)}  scale-up of ${e.group}: ${e.hosts.join(', ')}`);
  if (e.type === 'host.added') console.log(`${clock(e.at)}  ${e.host} joins`);
  if (e.type === 'nodegroup.scaledDown')
    console.log(`${clock(e.at)}  scale-down of ${e.host}: ${e.reason}, unneeded for ${e.unneededForMs / 1000} s`);
}
console.log(`first container rejected at ${clock(firstRejection)}, the last one placed at ${clock(lastPlacement)}`);
// #endregion

// #region compare
/** Runs the bursts with the given settings; prints the money and the waits. */
function run(label: string, settings: ScenarioInput['clusterAutoscaler'], scenario = bursts(settings)): void {
  const s = createSimulation(scenario, { keepFinished: false });
  const metrics = collectMetrics(s);
  const scaling = collectNodeScaling(s);
  s.run();
  const m = metrics.report();
  const r = scaling.report();
  const wait = (ms: number | null) => `${((ms ?? 0) / 1000).toFixed(0)} s`;
  console.log(
    `${label.padEnd(30)} ${String(r.launched).padStart(8)} ${r.hostHours.toFixed(2).padStart(10)} ` +
      `${r.cost.toFixed(2).padStart(6)}  ${wait(m.pending.mean).padStart(6)} ${wait(m.pending.max).padStart(6)}`,
  );
}
console.log();
console.log(`${'scale-down after'.padEnd(30)} launched host-hours   cost    mean    max  (wait for a host)`);
run('2 min unneeded, 2 min after add', { scaleDownUnneededTime: '2m', scaleDownDelayAfterAdd: '2m' });
run('10 min (the defaults)', {});
run('20 min unneeded', { scaleDownUnneededTime: '20m' });
run('never (scale-down disabled)', { scaleDownEnabled: false });
// #endregion

// #region more-waits
// One more wait: a new host that needs a minute after joining before it is ready (its `readiness`).
const ready = bursts();
ready.nodeGroups = [{ ...ready.nodeGroups![0]!, readiness: '1m' }];
run('readiness 1 min', {}, ready);
// #endregion

// #region multi-node
// A provisioner's hosts, full but small: six 1-cpu replicas arrive two at a time, each pair on a 2-cpu
// host ($0.10 an hour). Together the first two hosts fit on one 8-cpu host at $0.18: multi-node
// consolidation replaces both in one command, if the budget lets two hosts go at once.
function pairs(budget: string): ScenarioInput {
  return {
    seed: 2,
    hosts: [
      {
        name: 'control',
        capacity: { cpu: '2', memory: '4Gi' },
        taints: [{ key: 'control-plane', effect: 'NoSchedule' }],
      },
    ],
    provisioner: {
      instanceTypes: [
        { name: 'small', capacity: { cpu: '2', memory: '4Gi' }, hourlyCost: 0.1 },
        { name: 'big', capacity: { cpu: '8', memory: '16Gi' }, hourlyCost: 0.18 },
      ],
      provisioning: { dist: 'constant', value: '1m' },
      consolidateAfter: '20m',
      budgets: [{ nodes: budget }],
    },
    services: { web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    changes: [
      { at: '5m', service: 'web', replicas: 4 },
      { at: '10m', service: 'web', replicas: 6 },
    ],
  };
}
console.log();
for (const budget of ['10%', '100%']) {
  const s = createSimulation(pairs(budget)).run('1h');
  console.log(`budget ${budget}:`);
  for (const e of s.events())
    if (e.type === 'provisioner.disrupted')
      console.log(`  ${clock(e.at)}  ${e.action} ${e.host}${e.replacement === null ? '' : ` by ${e.replacement}`}`);
  const hosts = s.cluster.hosts.filter((h) => h.state === 'ready' && h.group === 'provisioner');
  console.log(`  at 1:00:00: ${hosts.map((h) => h.name).join(', ')}`);
}
// #endregion
