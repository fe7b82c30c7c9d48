import { ConfigError, type Environment } from '@berth/kernel';
import { Container, type ContainerSpec } from '../containers/Container.js';
import { SharedRequestVectors } from '../containers/SharedRequestVectors.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { devicesFit } from '../gpu/GpuDevices.js';
import type { Host } from '../hosts/Host.js';
import type { ClusterState } from '../simulation/ClusterState.js';
import type { Decision } from './Decision.js';
import type { QueueOrder } from './QueueOrder.js';
import { type Placement, Scheduler } from './Scheduler.js';
import { type QueueSettings, SchedulingQueue } from './SchedulingQueue.js';
import type { Strategy } from './Strategy.js';

/** What the scheduling loop needs around it. */
export interface SchedulingLoopRuntime {
  readonly env: Environment;
  readonly cluster: ClusterState;
  emit(event: ClusterEvent): void;
  /** Evicts a preemption victim. */
  evict(container: Container, reason: string): void;
}

/** Options of the scheduling loop. */
export interface SchedulingLoopOptions {
  readonly strategy: Strategy;
  readonly order: QueueOrder;
  readonly queue: QueueSettings;
  /** Containers whose every placement attempt is recorded in full; `'all'` for every one. */
  readonly explain?: readonly string[] | 'all' | undefined;
}

/**
 * kube-scheduler's loop: a submitted container waits in the scheduling queue; each attempt runs the
 * strategy (filters, selector, preemption) against the cluster, and binds the container to the chosen
 * host (`container.scheduled`, which the container lifecycle hears) or reports `placement.rejected`
 * with every host's reason. Keeps the counters, the explain records, and the scheduler's indexes in
 * step with the cluster: it hears `host.added` and `host.state`, and the lifecycle calls `release`.
 */
export class SchedulingLoop {
  readonly scheduler: Scheduler;
  /** Scheduling attempts, preemptions and placements so far. */
  readonly counters = { attempts: 0, preemptions: 0, placed: 0 };
  private readonly order: QueueOrder;
  private readonly queue: SchedulingQueue;
  private readonly vectors = new SharedRequestVectors();
  private readonly decisionLog = new Map<string, Decision[]>();
  private readonly explainAll: boolean;
  private readonly explainNames: ReadonlySet<string>;
  private nextContainerId = 0;
  /** Hosts the strategy's selector has been attached to. */
  private attachedHosts: number;
  /**
   * True once a container with required pod affinity terms was submitted: from then on every binding
   * gives unschedulable containers another try (after their backoff), as kube-scheduler requeues pods
   * that InterPodAffinity rejected when a pod is assigned. Never set in a run without such terms.
   */
  private podAffinityWaits = false;

  constructor(
    private readonly rt: SchedulingLoopRuntime,
    options: SchedulingLoopOptions,
  ) {
    this.scheduler = new Scheduler(options.strategy, rt.cluster);
    this.attachedHosts = rt.cluster.hosts.length;
    this.order = options.order;
    this.queue = new SchedulingQueue(rt.env, options.order, options.queue, (c) => this.attempt(c));
    const explain = options.explain;
    this.explainAll = explain === 'all';
    this.explainNames = new Set(explain === 'all' || explain === undefined ? [] : explain);
  }

  /** The event types {@link handle} reacts to: it hears no other. */
  readonly hears: readonly ClusterEventType[] = [
    'host.added',
    'host.resized',
    'host.state',
    'container.crashed',
    'container.failed',
  ];

  /** The controller's reaction to an event. */
  readonly handle = (event: ClusterEvent): void => {
    if (event.type === 'container.crashed' || event.type === 'container.failed') {
      // SwarmKit books every failed task against its node and service (scheduler.go updateTask).
      const cluster = this.rt.cluster;
      const host = event.host === null ? undefined : cluster.hostsByName.get(event.host);
      const container = cluster.containers.get(event.container);
      if (host !== undefined && container !== undefined) cluster.recordFailure(container, host);
      return;
    }
    if (event.type === 'host.added') {
      const hosts = this.rt.cluster.hosts.length;
      if (hosts === this.attachedHosts) return;
      this.attachedHosts = hosts;
      this.scheduler.hostAdded();
      this.queue.clusterChanged();
    } else if (event.type === 'host.resized') {
      // A new capacity may move the host to another shape group of the fit indexes: rebuild them, as
      // when a host joins (capacity updates are rare beside placements).
      this.scheduler.hostAdded();
      this.queue.clusterChanged();
    } else if (event.type === 'host.state') {
      this.scheduler.hostChanged(this.rt.cluster.hostsByName.get(event.host)!);
      if (event.to === 'ready') this.queue.clusterChanged();
    }
  };

  /** Creates a container now and queues it for scheduling (or binds it to its pinned host). */
  submit(spec: ContainerSpec): Container {
    const { env, cluster } = this.rt;
    if (cluster.containers.has(spec.name)) {
      throw new ConfigError(
        [{ path: 'name', message: `a container named '${spec.name}' already exists` }],
        'container',
      );
    }
    const container = new Container(this.nextContainerId++, this.vectors.share(spec), env.now);
    cluster.containers.set(spec.name, container);
    this.rt.emit({
      at: env.now,
      type: 'container.created',
      container: spec.name,
      service: spec.service,
      job: spec.job,
    });
    if ((spec.podAffinity?.required.length ?? 0) > 0) this.podAffinityWaits = true;
    if (spec.pinnedHost !== undefined) this.bindPinned(container, spec.pinnedHost);
    else this.queue.add(container);
    return container;
  }

  /** Withdraws a container from the queue (it was evicted or stopped before placement). */
  withdraw(container: Container): void {
    this.queue.remove(container);
  }

  /** Frees a container's resources on its host; waiting containers get another try. */
  release(container: Container): void {
    const host = container.host;
    if (host === null) return;
    this.rt.cluster.unbind(container);
    this.scheduler.hostChanged(host);
    this.order.usageChanged?.(container, -1);
    this.queue.clusterChanged();
  }

  /** Every recorded placement attempt of a container (see the `explain` option). */
  decisions(name: string): readonly Decision[] {
    const recorded = this.decisionLog.get(name);
    if (recorded !== undefined) return recorded;
    if (!this.explainAll && !this.explainNames.has(name)) {
      throw new Error(
        `Decisions of '${name}' were not recorded: create the simulation with { explain: ['${name}'] } (or 'all').`,
      );
    }
    return [];
  }

  /** One placement attempt for a queued container; true when it was placed. */
  private attempt(container: Container): boolean {
    const now = this.rt.env.now;
    container.attempts += 1;
    this.counters.attempts += 1;
    let placement: Placement;
    if (this.explainAll || this.explainNames.has(container.name)) {
      const { decision, placement: p } = this.scheduler.explain(container, now);
      placement = p;
      let list = this.decisionLog.get(container.name);
      if (list === undefined) {
        list = [];
        this.decisionLog.set(container.name, list);
      }
      list.push(decision);
    } else {
      placement = this.scheduler.place(container);
    }
    const host = placement.host;
    if (host === null) {
      // Reasons need a scan of every host: done at the first rejection and at attempts 2, 4, 8, ...
      // so that a long wait does not cost a full scan per retry.
      const attempt = container.attempts;
      const detailed = (attempt & (attempt - 1)) === 0;
      this.rt.emit({
        at: now,
        type: 'placement.rejected',
        container: container.name,
        attempt,
        reasons: detailed ? this.scheduler.rejectionReasons(container) : {},
      });
      return false;
    }
    this.queue.remove(container);
    if (placement.victims.length > 0) {
      this.counters.preemptions += 1;
      this.rt.emit({
        at: now,
        type: 'container.preempted',
        container: container.name,
        host: host.name,
        victims: placement.victims.map((v) => v.name),
      });
      for (const victim of placement.victims) this.rt.evict(victim, `preempted by ${container.name}`);
    }
    this.bind(container, host, placement.devices);
    return true;
  }

  private bindPinned(container: Container, hostName: string): void {
    const now = this.rt.env.now;
    const host = this.rt.cluster.hostsByName.get(hostName);
    const fits =
      host !== undefined &&
      host.containerCount < host.maxContainers &&
      container.requests.every((need, r) => need === 0 || host.allocated[r]! + need <= host.capacity[r]!) &&
      (container.gpu === undefined || (host.gpus !== null && devicesFit(host.gpus, container.gpu)));
    if (host === undefined || !fits) {
      container.phase = 'failed';
      container.finishedAt = now;
      this.rt.emit({
        at: now,
        type: 'container.failed',
        container: container.name,
        host: host?.name ?? null,
        reason: host === undefined ? `no host named '${hostName}'` : `does not fit on pinned host '${hostName}'`,
      });
      return;
    }
    this.bind(container, host);
  }

  private bind(container: Container, host: Host, devices: readonly number[] | null = null): void {
    const now = this.rt.env.now;
    this.rt.cluster.bind(container, host, devices);
    this.scheduler.hostChanged(host);
    this.order.usageChanged?.(container, 1);
    this.counters.placed += 1;
    if (this.podAffinityWaits) this.queue.clusterChanged();
    container.phase = 'scheduled';
    container.scheduledAt = now;
    const held = container.devices;
    this.rt.emit(
      held === null
        ? { at: now, type: 'container.scheduled', container: container.name, host: host.name }
        : { at: now, type: 'container.scheduled', container: container.name, host: host.name, devices: held },
    );
  }
}
