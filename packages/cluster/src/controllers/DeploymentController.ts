import type { Container } from '../containers/Container.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';

/** How a service rolls to a new template: Kubernetes' RollingUpdateDeployment, counts or percentages. */
export interface RolloutSettings {
  /** Extra replicas allowed above the desired count during a rollout (default `25%`, rounded up). */
  readonly maxSurge?: number | string | undefined;
  /** Replicas allowed to be unavailable during a rollout (default `25%`, rounded down). */
  readonly maxUnavailable?: number | string | undefined;
  /** A rollout that makes no progress for this long is reported stalled (default 600 s, progressDeadlineSeconds). */
  readonly progressDeadlineMs?: number | undefined;
}

/** What the controller sees of one service's desired state. */
export interface ServiceDesire {
  readonly replicas: number;
  /** The template object; a different object is a new revision. */
  readonly template: object;
  readonly rollout?: RolloutSettings | undefined;
  /** A paused service keeps its replica count but does not roll. */
  readonly paused?: boolean | undefined;
  /** Which replicas go first when the service scales down (default `kubernetes`). */
  readonly scaleDown?: ScaleDownPolicy | undefined;
}

/**
 * Which replicas a scale-down removes first: `kubernetes` follows the ReplicaSet controller's ranking
 * (unplaced before placed, unready before ready, newest first: pkg/controller/replicaset,
 * ActivePodsWithRanks); `newest-first` and `oldest-first` go by creation only.
 */
export type ScaleDownPolicy = 'kubernetes' | 'newest-first' | 'oldest-first';

/** What the controller needs from the simulation. */
export interface DeploymentRuntime {
  readonly now: number;
  emit(event: ClusterEvent): void;
  /** Live replicas of the service: not finished and not terminating. */
  live(service: string): Container[];
  /** Creates one replica of `template` at `revision`. */
  create(service: string, template: object, revision: number): void;
  /** Removes a replica on purpose (scale-down or rollout). */
  remove(container: Container, reason: string): void;
  /** Calls `check` after `delay` ms (the progress deadline). */
  later(delay: number, check: () => void): void;
}

interface Rollout {
  readonly revision: number;
  readonly from: number;
  readonly startedAt: number;
  lastProgressAt: number;
  minReady: number;
  stalled: boolean;
}

interface ServiceState {
  revision: number;
  readonly revisions: Map<object, number>;
  /** Templates by revision, for rollback. */
  readonly templates: Map<number, object>;
  rollout: Rollout | null;
  readyCount: number;
}

/** Kubernetes' defaults (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment). */
export const ROLLOUT_DEFAULTS = { maxSurge: '25%', maxUnavailable: '25%', progressDeadlineMs: 600_000 } as const;

/**
 * The replica and deployment controllers of a service, after Kubernetes' ReplicaSet and Deployment
 * controllers (pkg/controller/deployment/rolling.go): keeps the desired number of replicas, and when
 * the template changes rolls replicas to the new revision: new replicas are added while the total
 * stays within `replicas + maxSurge`, old ones removed while at least `replicas − maxUnavailable`
 * stay ready (unready old ones first), so progress is gated on readiness. Reports
 * `rollout.started`, `rollout.completed` (with its duration and the fewest ready replicas seen) and
 * `rollout.stalled` when nothing progresses for the progress deadline.
 */
export class DeploymentController {
  private readonly services = new Map<string, ServiceState>();

  constructor(private readonly rt: DeploymentRuntime) {}

  /** Brings a service toward its desired state. */
  reconcile(service: string, desire: ServiceDesire | undefined): void {
    const state = this.state(service, desire);
    const live = this.rt.live(service);
    if (desire === undefined) {
      for (const c of live) this.rt.remove(c, 'service deleted');
      return;
    }
    this.noteRevision(service, state, desire);
    const replicas = desire.replicas;
    const current = state.revision;
    // A replica is current when it runs the desired template, whatever revision made it: after a
    // rollback, replicas of the earlier revision are adopted, as Kubernetes reuses the old ReplicaSet.
    const isCurrent = (c: Container) => state.templates.get(c.spec.revision ?? 0) === desire.template;
    const fresh = live.filter(isCurrent);
    const old = live.filter((c) => !isCurrent(c));
    if (old.length === 0) {
      this.scale(service, state, desire, fresh, replicas);
      this.finishRollout(service, state, fresh, replicas);
      return;
    }
    if (desire.paused === true) return;
    const surge = resolveCount(desire.rollout?.maxSurge ?? ROLLOUT_DEFAULTS.maxSurge, replicas, Math.ceil);
    let unavailable = resolveCount(
      desire.rollout?.maxUnavailable ?? ROLLOUT_DEFAULTS.maxUnavailable,
      replicas,
      Math.floor,
    );
    if (surge === 0 && unavailable === 0) unavailable = 1;

    // Scale the new revision up, within replicas + maxSurge in total.
    const add = Math.min(replicas + surge - live.length, replicas - fresh.length);
    for (let i = 0; i < add; i++) this.rt.create(service, desire.template, current);
    const total = live.length + Math.max(add, 0);
    const freshCount = fresh.length + Math.max(add, 0);
    const freshReady = fresh.filter((c) => c.health.ready).length;

    // Scale old revisions down: unready ones first, then ready ones while enough stay available.
    const minAvailable = replicas - unavailable;
    let budget = total - minAvailable - (freshCount - freshReady);
    if (budget <= 0) return;
    const removeOrder = [...old].sort((a, b) => Number(a.health.ready) - Number(b.health.ready) || b.id - a.id);
    let available = live.filter((c) => c.health.ready).length;
    for (const c of removeOrder) {
      if (budget <= 0) break;
      if (c.health.ready) {
        if (available - 1 < minAvailable) break;
        available -= 1;
      }
      this.rt.remove(c, 'rolling update');
      budget -= 1;
      this.progress(state);
    }
  }

  /** A replica of the service became ready or unready: track the fewest ready during a rollout. */
  readinessChanged(service: string, ready: boolean): void {
    const state = this.services.get(service);
    if (state === undefined) return;
    state.readyCount += ready ? 1 : -1;
    const rollout = state.rollout;
    if (rollout !== null) {
      if (ready) this.progress(state);
      else if (state.readyCount < rollout.minReady) rollout.minReady = state.readyCount;
    }
  }

  /** The template a service ran at the revision before the current one, for rollback. */
  previousTemplate(service: string): object | undefined {
    const state = this.services.get(service);
    if (state === undefined) return undefined;
    for (let r = state.revision - 1; r >= 0; r--) {
      const t = state.templates.get(r);
      if (t !== undefined && t !== state.templates.get(state.revision)) return t;
    }
    return undefined;
  }

  /** The service's current revision and whether a rollout is under way. */
  status(service: string): { readonly revision: number; readonly rolling: boolean } {
    const state = this.services.get(service);
    return { revision: state?.revision ?? 0, rolling: state?.rollout !== null && state?.rollout !== undefined };
  }

  private state(service: string, desire: ServiceDesire | undefined): ServiceState {
    let state = this.services.get(service);
    if (state === undefined) {
      state = { revision: 0, revisions: new Map(), templates: new Map(), rollout: null, readyCount: 0 };
      if (desire !== undefined) {
        state.revisions.set(desire.template, 0);
        state.templates.set(0, desire.template);
      }
      this.services.set(service, state);
    }
    return state;
  }

  private noteRevision(service: string, state: ServiceState, desire: ServiceDesire): void {
    if (state.templates.get(state.revision) === desire.template) return;
    const from = state.revision;
    const revision = Math.max(...state.templates.keys()) + 1;
    state.revision = revision;
    state.revisions.set(desire.template, revision);
    state.templates.set(revision, desire.template);
    const now = this.rt.now;
    state.rollout = { revision, from, startedAt: now, lastProgressAt: now, minReady: state.readyCount, stalled: false };
    this.rt.emit({ at: now, type: 'rollout.started', service, revision, from });
    this.armDeadline(service, state, desire.rollout?.progressDeadlineMs ?? ROLLOUT_DEFAULTS.progressDeadlineMs);
  }

  private scale(
    service: string,
    state: ServiceState,
    desire: ServiceDesire,
    live: Container[],
    replicas: number,
  ): void {
    if (live.length < replicas) {
      for (let i = live.length; i < replicas; i++) this.rt.create(service, desire.template, state.revision);
    } else if (live.length > replicas) {
      // Removed first come first; see ScaleDownPolicy.
      const policy = desire.scaleDown ?? 'kubernetes';
      const order = [...live].sort(
        policy === 'newest-first'
          ? (a, b) => b.id - a.id
          : policy === 'oldest-first'
            ? (a, b) => a.id - b.id
            : (a, b) =>
                Number(a.host !== null) - Number(b.host !== null) ||
                Number(a.health.ready) - Number(b.health.ready) ||
                b.id - a.id,
      );
      for (const c of order.slice(0, live.length - replicas)) this.rt.remove(c, 'scaled down');
    }
  }

  private finishRollout(service: string, state: ServiceState, fresh: Container[], replicas: number): void {
    const rollout = state.rollout;
    if (rollout === null) return;
    const ready = fresh.filter((c) => c.health.ready).length;
    if (ready < replicas) return;
    state.rollout = null;
    const now = this.rt.now;
    this.rt.emit({
      at: now,
      type: 'rollout.completed',
      service,
      revision: rollout.revision,
      durationMs: now - rollout.startedAt,
      minReady: rollout.minReady,
    });
  }

  private progress(state: ServiceState): void {
    if (state.rollout !== null) state.rollout.lastProgressAt = this.rt.now;
  }

  private armDeadline(service: string, state: ServiceState, deadline: number): void {
    const rollout = state.rollout!;
    const check = () => {
      if (state.rollout !== rollout || rollout.stalled) return;
      const idle = this.rt.now - rollout.lastProgressAt;
      if (idle >= deadline) {
        rollout.stalled = true;
        this.rt.emit({ at: this.rt.now, type: 'rollout.stalled', service, revision: rollout.revision });
      } else {
        this.rt.later(deadline - idle, check);
      }
    };
    this.rt.later(deadline, check);
  }
}

/** Resolves `25%` or `2` against a replica count, rounding percentages as Kubernetes does. */
export function resolveCount(value: number | string, replicas: number, round: (x: number) => number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  if (match === null) throw new RangeError(`expected a count or a percentage such as '25%', got '${value}'`);
  return round((Number(match[1]) * replicas) / 100);
}
