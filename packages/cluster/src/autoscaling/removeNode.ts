import type { Callback } from '@berth/kernel';
import type { DisruptionBudgets } from '../operations/DisruptionBudget.js';
import { drainHost } from '../operations/drainHost.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** How long a removal may take before it is given up (ms; Infinity: as long as it takes). */
export interface RemovalLimits {
  /** Until every container has been evicted (cluster-autoscaler's `--max-pod-eviction-time`, 2 min). */
  readonly evictionMs: number;
  /**
   * From the last eviction until the evicted containers have exited (cluster-autoscaler's
   * `--max-graceful-termination-sec`, 600 s, plus its 30 s `PodEvictionHeadroom`).
   */
  readonly terminationMs: number;
  /**
   * Each eviction's grace period (ms): a container whose own termination (preStop hook and grace period)
   * is longer is killed at its end. cluster-autoscaler's `evictPod` (core/scaledown/actuation/drain.go)
   * sets the Eviction's `DeleteOptions.GracePeriodSeconds` to the pod's terminationGracePeriodSeconds
   * capped at `--max-graceful-termination-sec` when that flag is above 0. Infinity: no cap.
   */
  readonly gracePeriodMs: number;
}

/** Waiting for ever, each container's own grace period: the provisioner's removals. */
export const NO_REMOVAL_LIMITS: RemovalLimits = {
  evictionMs: Number.POSITIVE_INFINITY,
  terminationMs: Number.POSITIVE_INFINITY,
  gracePeriodMs: Number.POSITIVE_INFINITY,
};

/**
 * Removes a node as the autoscalers do: drains it (cordon, then evictions through the disruption
 * budgets, which a refusal retries), and once it is empty sets it down and records `node.removed`.
 * Two limits, as cluster-autoscaler's drain (`core/scaledown/actuation/drain.go`) has them: evictions
 * refused until `limits.evictionMs` after the start, or evicted containers still terminating
 * `limits.terminationMs` after the last eviction, give the removal up: the drain stops, the node is
 * uncordoned and `done(false, reason)` is called. Each eviction's grace period is `limits.gracePeriodMs`
 * when a container's own termination is longer (CA caps each pod's at `--max-graceful-termination-sec`),
 * so with CA's limits a container is gone by then, before the wait (that cap plus 30 s) runs out.
 */
export function removeNode(
  rt: ClusterRuntime,
  host: string,
  group: string,
  budgets: DisruptionBudgets,
  limits: RemovalLimits,
  done: (removed: boolean, reason: string) => void,
): void {
  let finished = false;
  let timer: Callback | null = null;
  let evicting = true;
  const end = (removed: boolean, reason: string) => {
    finished = true;
    stop();
    if (timer?.scheduled === true) rt.env.cancel(timer);
    if (removed) rt.emit({ at: rt.now, type: 'node.removed', host, group });
    else {
      drain.cancel();
      rt.setHostState(host, 'ready');
    }
    done(removed, reason);
  };
  const giveUp = (reason: string) => () => {
    if (!finished) end(false, reason);
  };
  const arm = (ms: number, reason: string) => {
    if (timer?.scheduled === true) rt.env.cancel(timer);
    timer =
      ms === Number.POSITIVE_INFINITY
        ? null
        : rt.env.schedule(ms, giveUp(reason), undefined, { name: 'node-removal-timeout' });
  };
  /** Every container left on the node has been evicted and is terminating: the eviction phase is over. */
  const evicted = () => {
    const target = rt.cluster.hostsByName.get(host);
    if (target === undefined) return false;
    for (const c of rt.cluster.containersOn(target)) if (c.phase !== 'terminating') return false;
    return true;
  };
  const stop = rt.log.subscribe(
    (e) => {
      if (finished) return;
      if (e.type === 'drain.completed') {
        if (e.host === host) end(true, 'drained');
        return;
      }
      const on = e.type === 'container.terminating' || e.type === 'container.evicted' ? e.host : null;
      if (evicting && on === host && evicted()) {
        evicting = false;
        arm(limits.terminationMs, `containers still terminating ${limits.terminationMs} ms after their eviction`);
      }
    },
    ['drain.completed', 'container.terminating', 'container.evicted'],
  );
  arm(limits.evictionMs, `not every container evicted within ${limits.evictionMs} ms (evictions refused)`);
  const drain = drainHost(rt, host, { budgets, finalState: 'down', gracePeriod: limits.gracePeriodMs });
}
