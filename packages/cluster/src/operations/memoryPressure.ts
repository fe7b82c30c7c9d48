import { argumentError } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import { MEMORY } from '../resources/ResourceCatalog.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { MemoryUsageModel } from './MemoryUsageModel.js';
import { rankMemoryPressure, type UsageSample } from './rankMemoryPressure.js';
import { durationArgument, repeatWhileBusy } from './repeatWhileBusy.js';

/** Options of {@link memoryPressure}. */
export interface MemoryPressureOptions {
  /** What each container really uses. */
  readonly usage: MemoryUsageModel;
  /** Time between checks (ms or text); default 10 s, the kubelet's housekeeping interval. */
  readonly checkEvery?: number | string | undefined;
  /**
   * Free memory (MiB) below which the host is under pressure; default 0, i.e. usage above capacity.
   * The kubelet's own hard threshold is `memory.available<100Mi`.
   */
  readonly evictionThresholdMiB?: number | undefined;
  /** Keep checking until this time (ms or text) even when nothing else is scheduled; default: the scenario's horizon. */
  readonly until?: number | string | undefined;
}

/** What the agent did, in order. */
export type PressureAction =
  | {
      readonly at: number;
      readonly type: 'oom-killed';
      readonly container: string;
      readonly host: string;
      readonly usageMiB: number;
      readonly limitMiB: number;
    }
  | {
      readonly at: number;
      readonly type: 'evicted';
      readonly container: string;
      readonly host: string;
      readonly usageMiB: number;
      readonly requestMiB: number;
      /** The host's usage before this eviction, and its memory capacity. */
      readonly hostUsageMiB: number;
      readonly capacityMiB: number;
    };

/** A running memory-pressure agent. */
export interface MemoryPressureAgent {
  readonly name: 'memory-pressure';
  readonly actions: readonly PressureAction[];
  /** Memory (MiB) the running containers of a host use now, per the model. */
  hostUsage(host: string): number;
  /** One check now: what every periodic tick does. */
  check(): void;
  /** Stops checking. */
  stop(): void;
}

/** The reason of a `container.crashed` event for a container killed over its memory limit. */
export const OOM_KILLED = 'OOMKilled';
/** The reason of a `container.evicted` event for a container evicted under memory pressure (the kubelet's message). */
export const MEMORY_PRESSURE_REASON = 'The node was low on resource: memory';

/**
 * The kubelet's answer to memory running out, on every host, every `checkEvery`:
 * - a container using more than its memory limit is OOM-killed (`sim.crashContainer(name,
 *   'OOMKilled')`) and restarted by its kubelet with CrashLoopBackOff. The kernel kills at the moment
 *   the limit is crossed; here it happens at the next check;
 * - when the host's running containers use more than its capacity (less the threshold), containers
 *   are evicted in the kubelet's order (`rankMemoryPressure`) until usage fits again; their
 *   controllers replace them through the scheduler, which may well place them elsewhere: moving
 *   containers off a host that lacks resources. Like the kubelet, it ignores disruption budgets.
 * Checks run until `until` (or the scenario's horizon), then only while something else is
 * scheduled (see `repeatWhileBusy`).
 */
export function memoryPressure(sim: ClusterRuntime, options: MemoryPressureOptions): MemoryPressureAgent {
  const model = options.usage;
  if (model === undefined || typeof model.usage !== 'function') {
    throw argumentError('usage', 'expected a memory usage model such as fractionOfRequest(0.8)');
  }
  const threshold = options.evictionThresholdMiB ?? 0;
  if (!(Number.isFinite(threshold) && threshold >= 0)) {
    throw argumentError('evictionThresholdMiB', `expected a number of MiB >= 0, got ${threshold}`);
  }
  const actions: PressureAction[] = [];

  const sample = (c: Container, now: number) => (c.health.alive ? model.usage(c, now) : 0);

  const check = () => {
    const now = sim.now;
    for (const host of sim.cluster.hosts) {
      if (!host.alive) continue;
      const running: UsageSample[] = [];
      let total = 0;
      for (const container of [...sim.cluster.containersOn(host)]) {
        if (!container.health.alive) continue;
        const usage = model.usage(container, now);
        const limit = container.spec.limits?.[MEMORY] ?? 0;
        if (limit > 0 && usage > limit) {
          const kill = { at: now, container: container.name, host: host.name, usageMiB: usage, limitMiB: limit };
          actions.push({ ...kill, type: 'oom-killed' });
          sim.emit({ ...kill, type: 'container.oomKilled' });
          sim.crashContainer(container.name, OOM_KILLED);
          continue;
        }
        running.push({ container, usage });
        total += usage;
      }
      const capacity = host.capacity[MEMORY] ?? 0;
      if (total <= capacity - threshold) continue;
      running.sort(rankMemoryPressure);
      const victims: Container[] = [];
      const evictions: Array<PressureAction & { readonly type: 'evicted' }> = [];
      let left = total;
      for (const { container, usage } of running) {
        if (left <= capacity - threshold) break;
        victims.push(container);
        evictions.push({
          at: now,
          type: 'evicted',
          container: container.name,
          host: host.name,
          usageMiB: usage,
          requestMiB: container.requests[MEMORY] ?? 0,
          hostUsageMiB: left,
          capacityMiB: capacity,
        });
        left -= usage;
      }
      sim.emit({
        at: now,
        type: 'host.memoryPressure',
        host: host.name,
        usageMiB: total,
        capacityMiB: capacity,
        victims: evictions.map(({ container, usageMiB, requestMiB }) => ({ container, usageMiB, requestMiB })),
      });
      victims.forEach((container, i) => {
        actions.push(evictions[i]!);
        sim.evict(container, MEMORY_PRESSURE_REASON);
      });
    }
  };

  const period = durationArgument('checkEvery', options.checkEvery ?? 10_000, true);
  const until = options.until === undefined ? undefined : durationArgument('until', options.until, false);
  const repeating = repeatWhileBusy(sim, period, 'memory-pressure', check, until);
  return {
    name: 'memory-pressure',
    actions,
    hostUsage(name) {
      const host = sim.cluster.hostsByName.get(name);
      if (host === undefined) throw argumentError('host', `no host named '${name}'`);
      let total = 0;
      for (const c of sim.cluster.containersOn(host)) total += sample(c, sim.now);
      return total;
    },
    check,
    stop: () => repeating.stop(),
  };
}
