// Lesson 5: liveness vs readiness. A hang, a readiness blip, a slow start, and CrashLoopBackOff.
import { type ContainerSpec, createSimulation, PROBE_DEFAULTS, type ProbeSet, type Simulation } from '@berth/cluster';

// #region spec
/** A long-running container with the given probes and warm-up (the time before it answers probes). */
function app(sim: Simulation, name: string, probes: ProbeSet, warmupMs = 0): ContainerSpec {
  const requests = sim.resources.fromRecord({ cpu: 500, memory: 256 }); // 500m, 256 MiB
  return {
    name,
    requests,
    nonZeroRequests: requests,
    limits: null,
    priority: 0,
    labels: {},
    image: 'app',
    pullMs: 0,
    startupMs: 2_000,
    durationMs: Number.POSITIVE_INFINITY,
    service: undefined,
    job: undefined,
    tenant: 'default',
    tolerations: [],
    nodeSelector: {},
    affinity: [],
    preferredAffinity: [],
    antiAffinityKey: undefined,
    spread: [],
    pinnedHost: undefined,
    bestEffort: false,
    probes,
    warmupMs,
    restartPolicy: 'Always',
  };
}
// #endregion

// #region timeline
/** The container's life as the kubelet and the control plane saw it, in seconds. */
function timeline(sim: Simulation, name: string, from = 0): void {
  for (const e of sim.events()) {
    if (!('container' in e) || e.container !== name || e.at < from) continue;
    if (e.type === 'container.created' || e.type === 'container.scheduled' || e.type === 'container.pulling') continue;
    let detail = '';
    if (e.type === 'probe.failed') detail = `${e.probe}, ${e.consecutive} in a row`;
    if (e.type === 'container.unready') detail = e.reason;
    if (e.type === 'container.crashed') detail = `${e.reason}; restart #${e.restarts} in ${e.restartIn! / 1000} s`;
    console.log(`${String(e.at / 1000).padStart(6)} s  ${e.type.padEnd(19)} ${detail}`.trimEnd());
  }
}
// #endregion

const cluster = { seed: 1, hosts: [{ name: 'node', capacity: { cpu: '4', memory: '8Gi' } }] };

// #region hang
const liveness = { ...PROBE_DEFAULTS, initialDelayMs: 10_000 };
const readiness = PROBE_DEFAULTS;
const hung = createSimulation(cluster);
hung.submit(app(hung, 'api', { liveness, readiness }));
hung.run('1m');
hung.hangContainer('api');
hung.run('2m');
timeline(hung, 'api');
// #endregion

console.log();
// #region blip
const blip = createSimulation(cluster);
blip.submit(app(blip, 'api', { liveness, readiness }));
blip.run('1m');
blip.failReadiness('api', '45s'); // say, its database is unreachable for 45 s
blip.run('3m');
timeline(blip, 'api');
console.log(`restarts: ${blip.container('api')!.health.restarts}`);
// #endregion

console.log();
// #region slow
const slow = createSimulation(cluster);
slow.submit(app(slow, 'legacy', { liveness: PROBE_DEFAULTS, readiness }, 45_000));
slow.run('30m');
const crashes = slow.events().filter((e) => e.type === 'container.crashed');
console.log(`without a startup probe: ${crashes.length} restarts in 30 min, never ready`);
console.log(
  `back-off delays (s): ${crashes.map((e) => (e.type === 'container.crashed' ? e.restartIn! / 1000 : 0)).join(', ')}`,
);
// #endregion

console.log();
// #region startup
const startup = { ...PROBE_DEFAULTS, failureThreshold: 30 }; // up to 30 × 10 s = 5 min to start
const saved = createSimulation(cluster);
saved.submit(app(saved, 'legacy', { liveness: PROBE_DEFAULTS, readiness, startup }, 45_000));
saved.run('30m');
timeline(saved, 'legacy');
// #endregion
