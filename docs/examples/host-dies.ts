// Lesson 3: a host dies. The failover timeline event by event, with Kubernetes' timings, then Swarm's and Nomad's.
import { type ClusterEvent, createSimulation, NODE_HEALTH_PRESETS, type NodeHealthSettings } from '@berth/cluster';
import { failover, scenario } from './host-dies/failover.js';

// #region crash
const sim = createSimulation(scenario);
sim.run('10m');
const victim = sim.container('shop-0')!.host!.name;
const crashAt = sim.now;
sim.crashHost(victim);
sim.run('20m');
// #endregion

// #region timeline
const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
const involved = new Set<string>();
console.log(`${victim} crashes at ${crashAt / 1000} s. Times below are from the crash.`);
for (const e of sim.events()) {
  if (e.at < crashAt) continue;
  const name = 'container' in e ? e.container : 'host' in e ? e.host : '';
  if (e.type === 'container.lost' || e.type === 'container.created') involved.add(name);
  if (name !== victim && !involved.has(name)) continue;
  console.log(`${seconds(e.at - crashAt)}  ${e.type.padEnd(19)} ${name}${detail(e)}`);
}

function detail(e: ClusterEvent): string {
  if (e.type === 'host.state') return `: ${e.from} → ${e.to}`;
  if (e.type === 'container.unready' || e.type === 'container.evicted') return ` (${e.reason})`;
  if (e.type === 'container.scheduled' || e.type === 'container.pulling') return ` on ${e.host}`;
  return '';
}
// #endregion

// #region arithmetic
const host = sim.cluster.hostsByName.get(victim)!;
const { heartbeatPeriodMs, monitorPeriodMs, gracePeriodMs, evictionTimeoutMs } = sim.nodeLifecycle.settings;
const lastBeat = sim.nodeLifecycle.lastHeartbeat(host, crashAt);
const deadline = lastBeat + gracePeriodMs;
const check = (Math.floor(deadline / monitorPeriodMs) + 1) * monitorPeriodMs;
console.log();
console.log(`lease renewed every ${heartbeatPeriodMs / 1000} s; the last renewal at ${lastBeat / 1000} s`);
console.log(`grace runs out at ${lastBeat / 1000} + ${gracePeriodMs / 1000} = ${deadline / 1000} s`);
console.log(
  `first ${monitorPeriodMs / 1000} s monitor check after that: ${check / 1000} s (crash + ${(check - crashAt) / 1000} s)`,
);
console.log(`eviction ${evictionTimeoutMs / 1000} s later: ${(check + evictionTimeoutMs) / 1000} s`);
// #endregion

// #region presets
const presets: Record<string, NodeHealthSettings> = {
  'kubernetes ≥ 1.32': NODE_HEALTH_PRESETS.kubernetes,
  'kubernetes < 1.32': { ...NODE_HEALTH_PRESETS.kubernetes, gracePeriodMs: 40_000 },
  swarm: NODE_HEALTH_PRESETS.swarm,
  nomad: NODE_HEALTH_PRESETS.nomad,
};
console.log();
console.log('preset              detected   evicted   replacement ready');
for (const [name, settings] of Object.entries(presets)) {
  const t = failover(settings);
  console.log(`${name.padEnd(18)} ${seconds(t.detected)}  ${seconds(t.evicted)}  ${seconds(t.ready)}`);
}
// #endregion
