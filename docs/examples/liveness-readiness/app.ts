// Lesson 5's container and the timeline it prints: docs/examples/liveness-readiness.ts runs them, as do
// the lesson's exercise and its plot.
import type { ScenarioInput, Simulation } from '@berth/cluster';

// #region spec
type ContainerInput = NonNullable<ScenarioInput['containers']>[number];
type FaultInput = NonNullable<ScenarioInput['faults']>[number];

/**
 * One host running one long-running container, `api` unless `container` names it otherwise, as a
 * scenario file would describe it: its probes, its warm-up, and the faults to inject.
 */
export function app(container: Partial<ContainerInput>, faults: FaultInput[] = []): ScenarioInput {
  return {
    seed: 1,
    hosts: [{ name: 'node', capacity: { cpu: '4', memory: '8Gi' } }],
    containers: [
      {
        name: 'api',
        requests: { cpu: '500m', memory: '256Mi' },
        image: 'app',
        startup: '2s',
        restartPolicy: 'Always',
        ...container,
      },
    ],
    faults,
  };
}
// #endregion

// #region timeline
/** The container's life as the kubelet and the control plane saw it, in seconds. */
export function timeline(sim: Simulation, name: string, from = 0): void {
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
