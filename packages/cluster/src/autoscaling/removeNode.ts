import type { DisruptionBudgets } from '../operations/DisruptionBudget.js';
import { drainHost } from '../operations/drainHost.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/**
 * Removes a node as the autoscalers do: drains it (cordon, then evictions through the disruption
 * budgets, which a refusal retries), and once it is empty sets it down and records `node.removed`.
 * If the drain is not done within `timeoutMs` (cluster-autoscaler's `--max-pod-eviction-time`, 2 min;
 * Infinity: wait as long as it takes) it is given up, the node is uncordoned and `done(false)` is called.
 */
export function removeNode(
  rt: ClusterRuntime,
  host: string,
  group: string,
  budgets: DisruptionBudgets,
  timeoutMs: number,
  done: (removed: boolean) => void,
): void {
  let finished = false;
  const stop = rt.log.subscribe(
    (e) => {
      if (finished || e.type !== 'drain.completed' || e.host !== host) return;
      finished = true;
      stop();
      if (timer?.scheduled === true) rt.env.cancel(timer);
      rt.emit({ at: rt.now, type: 'node.removed', host, group });
      done(true);
    },
    ['drain.completed'],
  );
  const timer =
    timeoutMs === Number.POSITIVE_INFINITY
      ? null
      : rt.env.schedule(
          timeoutMs,
          () => {
            if (finished) return;
            finished = true;
            stop();
            drain.cancel();
            rt.setHostState(host, 'ready');
            done(false);
          },
          undefined,
          { name: 'node-removal-timeout' },
        );
  const drain = drainHost(rt, host, { budgets, finalState: 'down' });
}
