import type { Environment, RandomSource } from '@berth/kernel';
import type { Patch } from 'immer';
import type { ResourceUsage } from '../autoscaling/ResourceUsage.js';
import type { Container, ContainerSpec } from '../containers/Container.js';
import type { DesiredState } from '../controllers/DesiredState.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { EventLog } from '../events/EventLog.js';
import type { Host, HostState } from '../hosts/Host.js';
import type { HostSpec } from '../hosts/HostSpec.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import type { ClusterReader } from './ClusterState.js';

/** Options of {@link ClusterRuntime.evict}. */
export interface EvictOptions {
  /** Terminate gracefully (preStop, grace period, draining) when the container has either; default false. */
  readonly graceful?: boolean | undefined;
  /**
   * With `graceful`: the eviction's grace period, ms (the Eviction's `DeleteOptions.gracePeriodSeconds`),
   * when shorter than the container's own: its whole termination, preStop hook included, is cut to it
   * and the process killed at its end. Default: the container's own.
   */
  readonly gracePeriod?: number | undefined;
}

/** Scheduling attempts, preemptions and placements so far. */
export interface SchedulingCounters {
  readonly attempts: number;
  readonly preemptions: number;
  readonly placed: number;
}

/**
 * The narrow interface every part of a simulation works through: controllers, failure models,
 * operations, metric collectors and the snapshot builder receive this, never the simulation itself
 * (a `Simulation` is one, so `drainHost(sim, 'node-1')` works). Like kube-controller-manager's
 * controllers with their API client: read the cluster, hear its events, act through a few verbs.
 *
 * Reading: the clock and agenda (`env`), the seeded random streams, the parsed scenario, the cluster's
 * books (hosts, where containers are bound), every container, the desired state. Hearing: the event
 * log (`log.subscribe`; see EventLog for the order of reaction). Acting: the verbs below. Every outcome
 * of a verb is an event in the log.
 */
export interface ClusterRuntime {
  /** The kernel environment: the clock and the agenda parts schedule their work on. */
  readonly env: Environment;
  /** Current simulated time in ms. */
  readonly now: number;
  /** Seeded random streams: a part draws from its own named stream (`random.stream('failures')`). */
  readonly random: RandomSource;
  /** The scenario as parsed (units applied, defaults filled in). */
  readonly scenario: Scenario;
  readonly resources: ResourceCatalog;
  /** Hosts and where containers are bound; change them only through the verbs below. */
  readonly cluster: ClusterReader;
  /** The desired state (frozen), as `sim.update` last left it. */
  readonly desired: DesiredState;
  readonly counters: SchedulingCounters;
  /** Every event so far; `log.subscribe` hears each later one. */
  readonly log: EventLog;
  /** What containers use: cpu (a cumulative counter and now), memory, requests served, queues (cAdvisor's view). */
  readonly usage: ResourceUsage;
  /** A container by name, or undefined (also once forgotten: see the `keepFinished` option). */
  container(name: string): Container | undefined;
  /** Every container kept, in creation order. */
  allContainers(): IterableIterator<Container>;
  /** Records an outcome of a part's own (a drain step, a rebalancer run) in the event log. */
  emit(event: ClusterEvent): void;

  /**
   * Changes the desired state with an immer recipe (`d => { d.services.web.replicas = 5 }`), like
   * `kubectl apply` or a write to a scale subresource: logged as `desired.changed`, reconciled at once.
   */
  update(recipe: (draft: DesiredState) => void): Patch[];
  /** Creates a container now and queues it for scheduling (or binds it to its pinned host). */
  submit(spec: ContainerSpec): Container;
  /**
   * Evicts a container (or withdraws it from the queue): its controller replaces it. At once by default
   * (a dead host's containers, a kubelet's hard eviction); with `{ graceful: true }` through the
   * Eviction API, as `kubectl drain` and the descheduler do: a running container with a preStop hook or
   * a terminationGracePeriod leaves the endpoints, drains its requests and exits (`container.evicted`
   * then), while its controller replaces it at once.
   */
  evict(container: Container, reason: string, options?: EvictOptions): void;
  /** Stops a container on purpose (a scale-down): it terminates and nothing replaces it. */
  stop(container: Container, reason: string): void;
  /** Sets a host's state as the control plane sees it (cordon, drain, not ready...). */
  setHostState(name: string, state: HostState): void;
  /** A host joins the cluster now. */
  addHost(spec: HostSpec): Host;
  /** One invocation of a function defined in the scenario arrives now (an arrival from outside its definition). */
  invokeFunction(name: string): void;
  /** A host's allocatable capacity changes now (resources not named keep theirs); nothing bound is evicted. */
  resizeHost(name: string, capacity: Readonly<Record<string, number | string>>): void;

  /** The host dies with its containers; the control plane notices only when its heartbeats stop. */
  crashHost(name: string, options?: { readonly recoverAfter?: number | string | undefined }): void;
  /** A crashed host comes back. */
  recoverHost(name: string): void;
  /** The host is cut off from the control plane; its containers run on (split brain). */
  partitionHost(name: string, options?: { readonly healAfter?: number | string | undefined }): void;
  /** A partition ends. */
  healHost(name: string): void;
  /** The container's process exits now; the kubelet restarts it per its restart policy. */
  crashContainer(name: string, reason?: string): void;
  /** The container hangs: up, but answering no probe. */
  hangContainer(name: string): void;
  /** The container's readiness probe fails for `duration` (ms or text). */
  failReadiness(name: string, duration: number | string): void;
}
