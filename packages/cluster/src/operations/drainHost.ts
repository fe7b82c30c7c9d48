import { argumentError, type Callback, type SimEvent } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { type DisruptionBudgets, evictionRefusal, validateBudgets } from './DisruptionBudget.js';
import { ReadyReplicas } from './ReadyReplicas.js';

/** Options of {@link drainHost}. */
export interface DrainOptions {
  /** Disruption budgets by service; services without one are evicted freely. */
  readonly budgets?: DisruptionBudgets | undefined;
  /** The host's state once empty: `'down'` (the default: off for maintenance) or `'ready'` (uncordoned). */
  readonly finalState?: 'down' | 'ready' | undefined;
  /**
   * Each eviction's grace period, ms, when shorter than a container's own (see `EvictOptions.gracePeriod`):
   * cluster-autoscaler's drain passes `--max-graceful-termination-sec` so. Default: each container's own.
   */
  readonly gracePeriod?: number | undefined;
}

/** One step of a drain, in the order it happened. */
export type DrainStep =
  | { readonly at: number; readonly type: 'cordoned'; readonly host: string }
  | { readonly at: number; readonly type: 'evicted'; readonly container: string; readonly service: string | undefined }
  /** The budget refused this container's eviction (recorded once per container); it is retried. */
  | {
      readonly at: number;
      readonly type: 'refused';
      readonly container: string;
      readonly service: string;
      readonly reason: string;
    }
  | { readonly at: number; readonly type: 'completed'; readonly host: string; readonly state: 'down' | 'ready' };

/** A drain under way: its steps so far, when it completed, and an event to wait for. */
export interface DrainHandle {
  readonly host: string;
  readonly startedAt: number;
  /** The time the host was empty and set to its final state; null while draining. */
  readonly completedAt: number | null;
  readonly steps: readonly DrainStep[];
  /** Succeeds with the completion time (yield it from a process, or `env.run({ until: done })`). */
  readonly done: SimEvent<number>;
  /** Gives up: no more evictions; the host stays cordoned. */
  cancel(): void;
}

/** Why drained containers leave their host (the `reason` of their `container.evicted` events). */
export const DRAIN_REASON = 'drained';

/**
 * Drains a host for maintenance, as `kubectl drain` does: cordons it (no new containers), evicts its
 * containers through a PodDisruptionBudget-style check — an eviction that would leave a service
 * below its budget is refused and retried when one of the service's replicas becomes ready (or the
 * desired state changes), where kubectl would poll every 5 s — then sets the host down (or ready).
 * The event log tells it: `drain.started`, an `eviction.refused` for each container a budget holds
 * back (once per container), the evictions, then `drain.completed` (or `drain.cancelled`).
 * Evicted service replicas are replaced by their controller through the scheduler; a job's task is
 * retried by its job; a bare container is gone (kubectl needs `--force` for those). Evictions go
 * through the Eviction API's graceful termination (kubernetes.io/docs, "API-initiated Eviction":
 * "API-initiated evictions respect your configured PodDisruptionBudgets and
 * terminationGracePeriodSeconds"): a container with a preStop hook or a grace
 * period leaves the endpoints, drains its requests and exits (`container.terminating` with `evicted`,
 * `container.draining`, `container.drained`, then `container.evicted`), its replacement created at the
 * start; the drain completes when the last has exited. Not modelled: the PDB controller's status lag.
 */
export function drainHost(sim: ClusterRuntime, host: string, options: DrainOptions = {}): DrainHandle {
  const target = sim.cluster.hostsByName.get(host);
  if (target === undefined) throw argumentError('host', `no host named '${host}'`);
  const finalState = options.finalState ?? 'down';
  if (finalState !== 'down' && finalState !== 'ready')
    throw argumentError('finalState', `expected 'down' or 'ready', got '${String(finalState)}'`);
  const budgets = options.budgets ?? {};
  validateBudgets(budgets, 'budgets');
  const gracePeriod = options.gracePeriod ?? Number.POSITIVE_INFINITY;
  if (!(gracePeriod >= 0))
    throw argumentError('gracePeriod', `expected a duration in ms of at least 0, got ${String(gracePeriod)}`);

  const env = sim.env;
  const steps: DrainStep[] = [];
  const refused = new Set<Container>();
  const ready = new ReadyReplicas(sim);
  const done = env.event<number>();
  const startedAt = env.now;
  let completedAt: number | null = null;
  let active = true;
  let attempting = false;
  let retry: Callback | null = null;

  const finish = () => {
    active = false;
    stop();
    ready.dispose();
    if (retry?.scheduled === true) env.cancel(retry);
  };

  const attempt = () => {
    if (!active) return;
    attempting = true;
    for (const c of [...sim.cluster.containersOn(target)]) {
      // Evicted already, and draining its requests: the host is empty once it exits.
      if (c.phase === 'terminating') continue;
      const service = c.service;
      if (service !== undefined) {
        const refusal = evictionRefusal(c, budgets[service], ready.of(service), ready.expected(service));
        if (refusal !== null) {
          if (!refused.has(c)) {
            refused.add(c);
            steps.push({ at: env.now, type: 'refused', container: c.name, service, reason: refusal });
            sim.emit({
              at: env.now,
              type: 'eviction.refused',
              container: c.name,
              service,
              reason: refusal,
              by: 'drain',
            });
          }
          continue;
        }
      }
      sim.evict(c, DRAIN_REASON, { graceful: true, gracePeriod });
      steps.push({ at: env.now, type: 'evicted', container: c.name, service });
    }
    attempting = false;
    if (sim.cluster.containersOn(target).size > 0) return;
    completedAt = env.now;
    sim.setHostState(host, finalState);
    steps.push({ at: env.now, type: 'completed', host, state: finalState });
    sim.emit({ at: env.now, type: 'drain.completed', host, state: finalState, durationMs: env.now - startedAt });
    finish();
    done.succeed(completedAt);
  };

  // Log listeners run inside the event being handled, so the retry runs at the same instant, after it.
  const later = () => {
    if (!active || attempting) return;
    if (retry === null) retry = env.schedule(0, attempt, undefined, { name: 'drain-retry' });
    else if (!retry.scheduled) env.reschedule(retry, 0);
  };
  const stop = sim.log.subscribe(
    (e) => {
      switch (e.type) {
        case 'container.ready':
        case 'desired.changed':
          if (refused.size > 0) later();
          break;
        case 'container.scheduled':
        case 'container.evicted':
        case 'container.failed':
        case 'container.succeeded':
          if (e.host === host) later();
          break;
        default:
      }
    },
    [
      'container.ready',
      'desired.changed',
      'container.scheduled',
      'container.evicted',
      'container.failed',
      'container.succeeded',
    ],
  );

  sim.setHostState(host, 'cordoned');
  steps.push({ at: env.now, type: 'cordoned', host });
  sim.emit({ at: env.now, type: 'drain.started', host });
  attempt();

  return {
    host,
    startedAt,
    get completedAt() {
      return completedAt;
    },
    steps,
    done,
    cancel() {
      if (!active) return;
      finish();
      sim.emit({ at: env.now, type: 'drain.cancelled', host });
    },
  };
}
