import {
  type Callback,
  ConfigError,
  constant,
  createRandom,
  type Distribution,
  Environment,
  exponentialDist,
  lognormalFromMeanCv,
  type RandomSource,
  uniformDist,
  weibullDist,
} from '@berth/kernel';
import { enablePatches, freeze, type Patch, produceWithPatches } from 'immer';
import { Container, type ContainerSpec, isFinished } from '../containers/Container.js';
import {
  DeploymentController,
  type RolloutSettings,
  type ScaleDownPolicy,
} from '../controllers/DeploymentController.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { EventLog, type EventLogMode } from '../events/EventLog.js';
import type { FailureModel } from '../failures/FailureModel.js';
import { randomContainerCrashes } from '../failures/randomContainerCrashes.js';
import { randomHostFailures } from '../failures/randomHostFailures.js';
import { scriptedFaults } from '../failures/scriptedFaults.js';
import { Host, type HostState } from '../hosts/Host.js';
import type { Taint } from '../hosts/Taint.js';
import { parseDuration } from '../quantities/parseDuration.js';
import { parseQuantity } from '../quantities/parseQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { parseScenario, validate } from '../scenario/parseScenario.js';
import type { ContainerTemplate, ContainerTemplateInput, Scenario, ScenarioInput } from '../scenario/scenarioSchema.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import type { Decision } from '../scheduler/Decision.js';
import { PROFILES, type ProfileFactory, samplerFromConfig, scorersFromConfig } from '../scheduler/profileCatalog.js';
import type { QueueOrder } from '../scheduler/QueueOrder.js';
import { drfOrder } from '../scheduler/queue/drfOrder.js';
import { fifoOrder } from '../scheduler/queue/fifoOrder.js';
import { priorityOrder } from '../scheduler/queue/priorityOrder.js';
import { Scheduler } from '../scheduler/Scheduler.js';
import type { SchedulerProfile } from '../scheduler/SchedulerProfile.js';
import { SchedulingQueue } from '../scheduler/SchedulingQueue.js';
import { buildContainerSpec, type ImageCatalog } from './buildContainerSpec.js';
import { ClusterState } from './ClusterState.js';
import { Kubelet } from './Kubelet.js';
import { NODE_HEALTH_PRESETS, type NodeHealthSettings, NodeLifecycle } from './NodeLifecycle.js';
import { type ClusterSnapshot, SnapshotBuilder } from './SnapshotBuilder.js';

enablePatches();

/** The part of a scenario a user changes mid-run with {@link Simulation.update}, like `kubectl apply`. */
export interface DesiredState {
  /** Services as written in the scenario (units as text, defaults not applied). */
  services: Record<
    string,
    {
      replicas: number;
      template: ContainerTemplateInput;
      /** Rolling-update settings as written (Kubernetes' defaults: 25%, 25%, 10m). */
      rollout?:
        | {
            maxSurge?: number | string | undefined;
            maxUnavailable?: number | string | undefined;
            progressDeadline?: number | string | undefined;
          }
        | undefined;
      /** A paused service keeps its replicas but does not roll to a changed template. */
      paused?: boolean | undefined;
      /** Which replicas a scale-down removes first (default `kubernetes`). */
      scaleDown?: ScaleDownPolicy | undefined;
    }
  >;
}

/** Options of {@link createSimulation}; each overrides the scenario. */
export interface SimulationOptions {
  readonly seed?: number | string | undefined;
  /** A strategy or preset name (see PROFILES), instead of the scenario's `scheduler.strategy`. */
  readonly strategy?: string | undefined;
  /** A complete custom profile: filters, strategy, preemption. */
  readonly profile?: SchedulerProfile | undefined;
  /** Extra named strategies, on top of the built-in ones. */
  readonly profiles?: Readonly<Record<string, ProfileFactory>> | undefined;
  readonly eventLog?: EventLogMode | undefined;
  /** Receives every event as it happens, from the first `host.added` on (e.g. a writer streaming to a file). */
  readonly onEvent?: ((event: ClusterEvent) => void) | undefined;
  /**
   * Keep finished containers for `sim.container(name)` and snapshots (default true). Long runs that
   * replace containers over and over pass false, so memory stays flat with simulated time.
   */
  readonly keepFinished?: boolean | undefined;
  /** Containers whose every placement attempt is recorded in full for {@link Simulation.decisions}; `'all'` for every one. */
  readonly explain?: readonly string[] | 'all' | undefined;
  /** Failure-detection timings (default: Kubernetes'); see NODE_HEALTH_PRESETS. */
  readonly nodeHealth?: NodeHealthSettings | undefined;
  /** Job retries before a job gives up (Kubernetes' Job backoffLimit, default 6). */
  readonly jobBackoffLimit?: number | undefined;
}

/**
 * A running simulated cluster: hosts, containers, the scheduler and its queue, on a kernel
 * environment. Create one with {@link createSimulation}; drive it with `run`, `step` and `update`;
 * read it with `snapshot`, `events`, `decisions` and `container`.
 */
export class Simulation {
  readonly env: Environment;
  readonly scenario: Scenario;
  readonly resources: ResourceCatalog;
  readonly cluster: ClusterState;
  readonly scheduler: Scheduler;
  readonly log: EventLog;
  readonly random: RandomSource;
  private readonly images: ImageCatalog;
  private readonly queue: QueueOrder;
  private readonly containers = new Map<string, Container>();
  private readonly serviceCounters = new Map<string, number>();
  private readonly decisionLog = new Map<string, Decision[]>();
  private readonly explainAll: boolean;
  private readonly explainNames: ReadonlySet<string>;
  private desiredState: DesiredState;
  /** Parsed templates by identity: immer keeps unchanged templates identical, so each parses once. */
  private readonly parsedTemplates = new WeakMap<object, ContainerTemplate>();
  private readonly schedulingQueue: SchedulingQueue;
  private readonly snapshots: SnapshotBuilder;
  private nextContainerId = 0;
  private readonly kubelet: Kubelet;
  /** Failure detection: when a silent host is noticed, and when a returning one is seen again. */
  readonly nodeLifecycle: NodeLifecycle;
  /** Per host, a counter that invalidates detection timers set before the host changed again. */
  private readonly hostEpoch = new Map<Host, number>();
  /** Containers evicted while their host was cut off: still running there until the partition heals. */
  private readonly orphans = new Map<Host, Container[]>();
  private readonly jobFailures = new Map<string, number>();
  /** Per scenario job: tasks in all, tasks done, and whether the job has ended. */
  private readonly jobProgress = new Map<
    string,
    { total: number; succeeded: number; submitAt: number; over: boolean }
  >();
  private readonly keepFinished: boolean;
  /** A container's lifecycle steps, made once rather than as a closure per scheduled step. */
  private readonly startStep = (c: Container): void => this.startContainer(c);
  private readonly runningStep = (c: Container): void => this.running(c);
  private readonly completeStep = (c: Container): void => this.complete(c);
  private readonly requestVectors = new Map<string, { requests: Float64Array; nonZeroRequests: Float64Array }>();
  /** The shared request vectors, each with its non-zero partner: a spec holding them needs no lookup. */
  private readonly sharedPairs = new WeakMap<Float64Array, Float64Array>();
  private readonly deployments: DeploymentController;
  /** Containers ever created per service (finished ones are dropped lazily). */
  private readonly members = new Map<string, Set<Container>>();
  private readonly pendingReconciles = new Set<string>();
  private readonly jobBackoffLimit: number;
  /** Scheduling attempts and preemptions so far. */
  readonly counters = { attempts: 0, preemptions: 0, placed: 0 };

  constructor(input: ScenarioInput, options: SimulationOptions = {}) {
    const scenario = parseScenario(input);
    this.scenario = scenario;
    const env = new Environment();
    this.env = env;
    this.random = createRandom(options.seed ?? scenario.seed);
    this.resources = new ResourceCatalog(collectResourceNames(scenario));
    this.images = new Map(Object.entries(scenario.images));
    this.log = new EventLog(options.eventLog ?? { keep: 'all' });
    if (options.onEvent !== undefined) this.log.subscribe(options.onEvent);
    this.keepFinished = options.keepFinished ?? true;
    this.explainAll = options.explain === 'all';
    this.explainNames = new Set(options.explain === 'all' || options.explain === undefined ? [] : options.explain);

    const hosts: Host[] = [];
    for (const group of scenario.hosts) {
      const capacity = this.resources.fromRecord(group.capacity);
      for (let i = 0; i < group.count; i++) {
        const name = group.name ?? `${group.group}-${i}`;
        // Null-prototype labels: a key such as `constructor` must not find Object.prototype's member.
        const labels: Record<string, string> = Object.assign(Object.create(null), group.labels);
        hosts.push(
          new Host(
            hosts.length,
            name,
            group.group ?? name,
            capacity,
            group.maxContainers,
            labels,
            group.taints,
            group.hourlyCost,
          ),
        );
      }
    }
    this.cluster = new ClusterState(hosts, this.resources, this.random.stream('scheduler'));
    this.nodeLifecycle = new NodeLifecycle(options.nodeHealth ?? healthSettings(scenario.health), this.env);
    const period = this.nodeLifecycle.settings.heartbeatPeriodMs;
    const phases = this.random.stream('heartbeats');
    for (const host of hosts) host.heartbeatPhase = period > 0 ? phases.integer(0, period) : 0;
    this.jobBackoffLimit = options.jobBackoffLimit ?? 6;
    this.deployments = new DeploymentController({
      get now() {
        return env.now;
      },
      emit: (e) => this.emit(e),
      live: (service) => this.liveMembers(service),
      create: (service, template, revision) => this.createReplica(service, template, revision),
      remove: (c, reason) => this.stop(c, reason),
      later: (delay, check) => {
        env.schedule(delay, check, undefined, { name: 'rollout-deadline' });
      },
    });
    this.kubelet = new Kubelet({
      env: this.env,
      emit: (e) => this.emit(e),
      restart: (c) => this.restartContainer(c),
      fail: (c, reason) => this.failContainer(c, reason),
    });
    this.scheduler = new Scheduler(options.profile ?? this.buildProfile(scenario, options), this.cluster);
    this.queue = this.buildQueue(scenario.scheduler.queue);
    this.schedulingQueue = new SchedulingQueue(this.env, this.queue, scenario.scheduler, (c) => this.attempt(c));
    this.snapshots = new SnapshotBuilder(this);

    for (const host of hosts) this.emit({ at: 0, type: 'host.added', host: host.name, group: host.group });
    const inputServices = (input as { services?: DesiredState['services'] }).services ?? {};
    this.desiredState = freeze({ services: structuredClone(inputServices) }, true) as DesiredState;
    for (const [name, service] of Object.entries(this.desiredState.services)) {
      this.parsedTemplates.set(service.template, scenario.services[name]!.template);
    }
    for (const service of Object.keys(scenario.services)) this.reconcile(service);
    for (const [jobName, job] of Object.entries(scenario.jobs)) {
      const total = job.tasks.reduce((sum, t) => sum + t.count, 0);
      this.jobProgress.set(jobName, { total, succeeded: 0, submitAt: job.submitAt, over: false });
      let n = 0;
      for (const task of job.tasks) {
        // One spec per task, renamed per container: its containers share their request vectors.
        const base = buildContainerSpec(`${jobName}-${n}`, task, this.resources, this.images, { job: jobName });
        for (let i = 0; i < task.count; i++) {
          const spec: ContainerSpec = i === 0 ? base : { ...base, name: `${jobName}-${n}` };
          n += 1;
          this.env.schedule(job.submitAt + task.at, () => this.submit(spec));
        }
      }
    }
    for (const c of scenario.containers) {
      const spec = buildContainerSpec(c.name, c, this.resources, this.images, { host: c.host });
      this.env.schedule(c.at, () => this.submit(spec));
    }
    if (scenario.faults.length > 0) scriptedFaults(scenario.faults).attach(this);
    const rawChanges = (input as { changes?: Array<{ template?: ContainerTemplateInput }> }).changes ?? [];
    scenario.changes.forEach((change, i) => {
      this.env.schedule(change.at, () =>
        this.update((d) => {
          const service = d.services[change.service]!;
          if (change.replicas !== undefined) service.replicas = change.replicas;
          if (change.template !== undefined) service.template = rawChanges[i]!.template!;
          if (change.image !== undefined) service.template = { ...service.template, image: change.image };
          if (change.paused !== undefined) service.paused = change.paused;
        }),
      );
    });
    for (const model of scenario.failures) failureModel(model).attach(this);
  }

  /** Current simulated time in ms. */
  get now(): number {
    return this.env.now;
  }

  /** The desired state (frozen); change it with {@link update}. */
  get desired(): DesiredState {
    return this.desiredState;
  }

  /**
   * Runs the simulation to a time (ms or text such as `'10m'`), or to the scenario's horizon, or until
   * nothing is left to do. Returns the simulation for chaining.
   */
  run(until?: number | string): this {
    const target = until ?? this.scenario.horizon;
    if (target === undefined) {
      this.env.run();
      return this;
    }
    const ms = typeof target === 'number' ? target : parseDuration(target);
    if (typeof ms === 'string') throw new ConfigError([{ path: 'until', message: ms }], 'argument');
    this.env.run({ until: ms });
    return this;
  }

  /**
   * Runs until `condition` holds after some cluster event, or until `limit` (ms) is reached. Returns
   * true when the condition was met.
   */
  runUntil(condition: (sim: Simulation) => boolean, limit: number = Number.POSITIVE_INFINITY): boolean {
    if (condition(this)) return true;
    let met = false;
    const stop = this.log.subscribe(() => {
      if (!met && condition(this)) met = true;
    });
    try {
      while (!met && this.env.peek() < limit) this.env.step();
    } finally {
      stop();
    }
    return met;
  }

  /** Runs the next agenda entry. False when there was nothing left. */
  step(): boolean {
    return this.env.step();
  }

  /** A deeply frozen view of the cluster now, structurally shared with the previous snapshot. */
  snapshot(): ClusterSnapshot {
    return this.snapshots.take();
  }

  /** The events kept so far (see the `eventLog` option). */
  events(): ClusterEvent[] {
    return this.log.events();
  }

  /** A container by name, or undefined. */
  container(name: string): Container | undefined {
    return this.containers.get(name);
  }

  /** Every container ever created, in creation order. */
  allContainers(): IterableIterator<Container> {
    return this.containers.values();
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

  /**
   * Changes the desired state with an immer recipe, like `kubectl apply`:
   * `sim.update(d => { d.services.web.replicas = 5 })`. The patches are logged as a
   * `desired.changed` event and the affected services are reconciled at once.
   */
  update(recipe: (draft: DesiredState) => void): Patch[] {
    const [next, patches] = produceWithPatches(this.desiredState, recipe);
    if (patches.length === 0) return patches;
    const issues: Array<{ path: string; message: string }> = [];
    for (const [name, service] of Object.entries(next.services)) {
      if (!(Number.isInteger(service.replicas) && service.replicas >= 0)) {
        issues.push({
          path: `services.${name}.replicas`,
          message: `expected an integer >= 0, got ${service.replicas}`,
        });
      }
      if (this.parsedTemplates.has(service.template)) continue;
      const parsed = validate(containerTemplateSchema, service.template, ['services', name, 'template']);
      if (parsed.ok) this.parsedTemplates.set(service.template, parsed.value);
      else issues.push(...parsed.issues);
    }
    if (issues.length > 0) throw new ConfigError(issues, 'desired state');
    this.desiredState = next;
    this.emit({
      at: this.env.now,
      type: 'desired.changed',
      patches: patches.map((p) => ({ op: p.op, path: p.path.join('.'), value: p.value })),
    });
    const touched = new Set<string>();
    for (const p of patches) {
      if (p.path[0] === 'services' && typeof p.path[1] === 'string') touched.add(p.path[1]);
      else if (p.path[0] === 'services') for (const s of Object.keys(next.services)) touched.add(s);
    }
    for (const service of touched) this.reconcile(service);
    return patches;
  }

  /** Creates a container now and queues it for scheduling. */
  submit(spec: ContainerSpec): Container {
    if (this.containers.has(spec.name)) {
      throw new ConfigError(
        [{ path: 'name', message: `a container named '${spec.name}' already exists` }],
        'container',
      );
    }
    const container = new Container(this.nextContainerId++, this.shareVectors(spec), this.env.now);
    this.containers.set(spec.name, container);
    if (spec.service !== undefined) {
      let members = this.members.get(spec.service);
      if (members === undefined) {
        members = new Set();
        this.members.set(spec.service, members);
      }
      members.add(container);
    }
    this.emit({
      at: this.env.now,
      type: 'container.created',
      container: spec.name,
      service: spec.service,
      job: spec.job,
    });
    if (spec.pinnedHost !== undefined) this.bindPinned(container, spec.pinnedHost);
    else this.schedulingQueue.add(container);
    return container;
  }

  /**
   * Containers with the same requests share one pair of request vectors, so that strategies can tell
   * by identity that two containers ask for the same (and reuse host-local scores).
   */
  private shareVectors(spec: ContainerSpec): ContainerSpec {
    if (this.sharedPairs.get(spec.requests) === spec.nonZeroRequests) return spec;
    const key = `${spec.requests.join(',')}|${spec.nonZeroRequests.join(',')}`;
    const shared = this.requestVectors.get(key);
    if (shared === undefined) {
      this.requestVectors.set(key, { requests: spec.requests, nonZeroRequests: spec.nonZeroRequests });
      this.sharedPairs.set(spec.requests, spec.nonZeroRequests);
      return spec;
    }
    if (shared.requests === spec.requests) return spec;
    return { ...spec, requests: shared.requests, nonZeroRequests: shared.nonZeroRequests };
  }

  /** Changes a host's state (cordon, down, ready...) and tells the scheduler. */
  setHostState(name: string, state: HostState): void {
    const host = this.cluster.hostsByName.get(name);
    if (host === undefined) throw new ConfigError([{ path: 'host', message: `no host named '${name}'` }], 'argument');
    if (host.state === state) return;
    const from = host.state;
    host.state = state;
    this.scheduler.hostChanged(host);
    this.emit({ at: this.env.now, type: 'host.state', host: name, from, to: state });
    if (state === 'ready') this.schedulingQueue.clusterChanged();
  }

  /** Stops a container (evicting it from its host, or withdrawing it from the queue). */
  evict(container: Container, reason: string): void {
    if (isFinished(container.phase)) return;
    this.cancelStep(container);
    const host = container.host;
    this.schedulingQueue.remove(container);
    container.phase = host === null ? 'failed' : 'evicted';
    container.finishedAt = this.env.now;
    if (host !== null) {
      if (host.alive && !host.reachable && container.health.alive) {
        // Split brain: the control plane gave up on it, but it runs on until the kubelet hears.
        this.kubelet.setReady(container, false, reason);
        const list = this.orphans.get(host) ?? [];
        list.push(container);
        this.orphans.set(host, list);
        this.release(container);
      } else {
        this.release(container);
        this.kubelet.stopped(container, reason);
      }
      this.emit({ at: this.env.now, type: 'container.evicted', container: container.name, host: host.name, reason });
    } else {
      this.emit({ at: this.env.now, type: 'container.failed', container: container.name, host: null, reason });
    }
    this.replace(container);
  }

  /**
   * Adds a host now, as a node joining the cluster (capacity in Kubernetes notation: `{ cpu: '4',
   * memory: '16Gi' }`). Waiting containers get another try. Resources the scenario did not know
   * cannot be added mid-run.
   */
  addHost(spec: {
    readonly name: string;
    readonly group?: string | undefined;
    readonly capacity: Readonly<Record<string, number | string>>;
    readonly maxContainers?: number | undefined;
    readonly labels?: Readonly<Record<string, string>> | undefined;
    readonly taints?: readonly Taint[] | undefined;
    readonly hourlyCost?: number | undefined;
  }): Host {
    const issues: Array<{ path: string; message: string }> = [];
    if (this.cluster.hostsByName.has(spec.name))
      issues.push({ path: 'name', message: `a host named '${spec.name}' exists` });
    const capacity = this.resources.vector();
    for (const [resource, raw] of Object.entries(spec.capacity)) {
      const index = this.resources.indexOf(resource);
      const value = parseQuantity(resource, raw);
      if (index < 0)
        issues.push({ path: `capacity.${resource}`, message: `resource '${resource}' is not in this simulation` });
      else if (typeof value === 'string') issues.push({ path: `capacity.${resource}`, message: value });
      else capacity[index] = value;
    }
    const maxContainers = spec.maxContainers ?? 110;
    if (!(Number.isInteger(maxContainers) && maxContainers >= 1)) {
      issues.push({ path: 'maxContainers', message: `expected an integer >= 1, got ${maxContainers}` });
    }
    if (issues.length > 0) throw new ConfigError(issues, 'host');
    const labels: Record<string, string> = Object.assign(Object.create(null), spec.labels ?? {});
    const host = new Host(
      this.cluster.hosts.length,
      spec.name,
      spec.group ?? spec.name,
      capacity,
      maxContainers,
      labels,
      spec.taints ?? [],
      spec.hourlyCost ?? 0,
    );
    const period = this.nodeLifecycle.settings.heartbeatPeriodMs;
    host.heartbeatPhase = period > 0 ? this.random.stream('heartbeats').stream(spec.name).integer(0, period) : 0;
    this.cluster.addHost(host);
    this.scheduler.hostAdded();
    this.emit({ at: this.env.now, type: 'host.added', host: host.name, group: host.group });
    this.schedulingQueue.clusterChanged();
    return host;
  }

  /**
   * Crashes a host now: its containers die with it, but the control plane only notices when the
   * heartbeats stop arriving (see NodeLifecycle), marks it not ready, and evicts its containers after
   * the eviction timeout so that their controllers replace them elsewhere. With `recoverAfter`, the
   * host comes back after that long (ms or text such as '2m').
   */
  crashHost(name: string, options?: { readonly recoverAfter?: number | string | undefined }): void {
    const host = this.hostNamed(name);
    if (!host.alive) return;
    const now = this.env.now;
    host.alive = false;
    this.emit({ at: now, type: 'host.crashed', host: name });
    for (const c of this.cluster.containersOn(host)) {
      this.cancelStep(c);
      const wasAlive = c.health.alive;
      this.kubelet.lost(c);
      if (wasAlive) this.emit({ at: now, type: 'container.lost', container: c.name, host: name });
    }
    this.dropOrphans(host);
    this.watchSilence(host);
    if (options?.recoverAfter !== undefined) {
      this.env.schedule(this.durationArgument('recoverAfter', options.recoverAfter), () => this.recoverHost(name));
    }
  }

  /** Brings a crashed host back: it heartbeats again, is ready, and restarts the containers it still holds. */
  recoverHost(name: string): void {
    const host = this.hostNamed(name);
    if (host.alive) return;
    host.alive = true;
    this.emit({ at: this.env.now, type: 'host.recovered', host: name });
    this.whenHeard(host);
  }

  /**
   * Cuts a host off from the control plane: its containers keep running (and serving whoever can reach
   * them) while the control plane declares the host not ready and replaces them elsewhere: split brain.
   */
  partitionHost(name: string, options?: { readonly healAfter?: number | string | undefined }): void {
    const host = this.hostNamed(name);
    if (!host.reachable) return;
    host.reachable = false;
    this.emit({ at: this.env.now, type: 'host.partitioned', host: name });
    this.watchSilence(host);
    if (options?.healAfter !== undefined) {
      this.env.schedule(this.durationArgument('healAfter', options.healAfter), () => this.healHost(name));
    }
  }

  /** Ends a partition: the host is heard again, and kills the containers the control plane evicted meanwhile. */
  healHost(name: string): void {
    const host = this.hostNamed(name);
    if (host.reachable) return;
    host.reachable = true;
    this.emit({ at: this.env.now, type: 'host.healed', host: name });
    this.whenHeard(host);
  }

  /** The container's process exits now (a crash); the kubelet restarts it per its restart policy. */
  crashContainer(name: string, reason = 'exited with an error'): void {
    const c = this.runningContainer(name);
    this.cancelStep(c);
    if (isFinished(c.phase)) {
      // An orphan of a partition: the control plane gave up on it already, so nothing restarts it.
      this.kubelet.lost(c);
      this.emit({ at: this.env.now, type: 'container.lost', container: c.name, host: c.host!.name });
      if (!this.keepFinished) this.containers.delete(c.name);
      return;
    }
    this.kubelet.crashed(c, reason);
  }

  /** The container hangs: it stays up but stops answering probes, until its liveness probe has it restarted. */
  hangContainer(name: string): void {
    this.runningContainer(name).health.hung = true;
  }

  /** The container's readiness probe fails for `duration` (ms or text). */
  failReadiness(name: string, duration: number | string): void {
    const c = this.runningContainer(name);
    c.health.unreadyUntil = this.env.now + this.durationArgument('duration', duration);
  }

  private hostNamed(name: string): Host {
    const host = this.cluster.hostsByName.get(name);
    if (host === undefined) throw new ConfigError([{ path: 'host', message: `no host named '${name}'` }], 'argument');
    return host;
  }

  private runningContainer(name: string): Container {
    const c = this.containers.get(name);
    if (c === undefined)
      throw new ConfigError([{ path: 'container', message: `no container named '${name}'` }], 'argument');
    if (!c.health.alive) {
      throw new ConfigError(
        [{ path: 'container', message: `container '${name}' is not running (${c.phase})` }],
        'argument',
      );
    }
    return c;
  }

  private durationArgument(path: string, value: number | string): number {
    const ms = parseDuration(value);
    if (typeof ms === 'string') throw new ConfigError([{ path, message: ms }], 'argument');
    return ms;
  }

  /** Arms the detection of a host that went silent now. */
  private watchSilence(host: Host): void {
    const epoch = (this.hostEpoch.get(host) ?? 0) + 1;
    this.hostEpoch.set(host, epoch);
    const at = this.nodeLifecycle.notReadyAt(host, this.env.now);
    this.env.schedule(at - this.env.now, () => this.noticeSilence(host, epoch), undefined, { name: 'node-monitor' });
  }

  private noticeSilence(host: Host, epoch: number): void {
    if (this.hostEpoch.get(host) !== epoch || (host.alive && host.reachable)) return;
    if (host.state === 'ready' || host.state === 'cordoned') this.setHostState(host.name, 'not-ready');
    for (const c of this.cluster.containersOn(host)) this.kubelet.setReady(c, false, 'host not ready');
    const timeout = this.nodeLifecycle.settings.evictionTimeoutMs;
    this.env.schedule(timeout, () => this.evictSilent(host, epoch), undefined, { name: 'node-eviction' });
  }

  private evictSilent(host: Host, epoch: number): void {
    if (this.hostEpoch.get(host) !== epoch || host.state !== 'not-ready') return;
    for (const c of [...this.cluster.containersOn(host)]) this.evict(c, 'host not ready');
  }

  /** A host that is up and reachable again is heard at its next heartbeat. */
  private whenHeard(host: Host): void {
    if (!host.alive || !host.reachable) return;
    const epoch = (this.hostEpoch.get(host) ?? 0) + 1;
    this.hostEpoch.set(host, epoch);
    const at = this.nodeLifecycle.nextHeartbeat(host, this.env.now);
    this.env.schedule(at - this.env.now, () => this.heard(host, epoch), undefined, { name: 'node-heartbeat' });
  }

  private heard(host: Host, epoch: number): void {
    if (this.hostEpoch.get(host) !== epoch || !host.alive || !host.reachable) return;
    this.dropOrphans(host);
    if (host.state === 'not-ready') this.setHostState(host.name, 'ready');
    for (const c of this.cluster.containersOn(host)) {
      if (c.health.alive) this.kubelet.reportReadiness(c);
      else if (c.pendingStep === null && !isFinished(c.phase)) {
        // The host rebooted: its agent starts again what it still holds, unready until it runs.
        this.kubelet.setReady(c, false, 'host rebooted');
        c.health.restarts += 1;
        if (c.phase === 'scheduled' || c.phase === 'pulling') this.launch(c);
        else this.startContainer(c);
      }
    }
  }

  /** The kubelet of a host that is heard again (or died) stops what the control plane evicted. */
  private dropOrphans(host: Host): void {
    const list = this.orphans.get(host);
    if (list === undefined) return;
    this.orphans.delete(host);
    for (const c of list) {
      if (!c.health.alive) continue;
      this.kubelet.stopped(c, 'evicted while partitioned');
      this.emit({ at: this.env.now, type: 'container.lost', container: c.name, host: host.name });
      if (!this.keepFinished) this.containers.delete(c.name);
    }
  }

  /** @internal */
  emit(event: ClusterEvent): void {
    if (event.type === 'container.ready' || event.type === 'container.unready') {
      const service = this.containers.get(event.container)?.service;
      if (service !== undefined) {
        this.deployments.readinessChanged(service, event.type === 'container.ready');
        if (this.deployments.status(service).rolling) this.requestReconcile(service);
      }
    }
    this.log.record(event);
    this.snapshots.touch(event);
    if (
      !this.keepFinished &&
      (event.type === 'container.succeeded' || event.type === 'container.failed' || event.type === 'container.evicted')
    ) {
      const c = this.containers.get(event.container);
      // An orphan of a partition still runs: it is forgotten once it is gone for good.
      if (c !== undefined && isFinished(c.phase) && !c.health.alive) this.containers.delete(event.container);
    }
  }

  private buildProfile(scenario: Scenario, options: SimulationOptions): SchedulerProfile {
    const name = options.strategy ?? scenario.scheduler.strategy;
    // Own keys only: a name such as 'toString' must not find Object.prototype's member.
    const custom = options.profiles;
    const factory =
      custom !== undefined && Object.hasOwn(custom, name)
        ? custom[name]
        : Object.hasOwn(PROFILES, name)
          ? PROFILES[name]
          : undefined;
    if (factory === undefined) {
      const known = [...Object.keys(PROFILES), ...Object.keys(options.profiles ?? {})].join(', ');
      throw new ConfigError(
        [{ path: 'scheduler.strategy', message: `unknown strategy '${name}'; known: ${known}` }],
        'scenario',
      );
    }
    try {
      return factory({
        config: scenario.scheduler,
        resources: this.resources,
        sampler: samplerFromConfig(scenario.scheduler.sampling),
        scorers: scorersFromConfig(scenario.scheduler, this.images),
        images: this.images,
      });
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([{ path: 'scheduler', message: (error as Error).message }], 'scenario');
    }
  }

  private buildQueue(kind: Scenario['scheduler']['queue']): QueueOrder {
    if (kind === 'fifo') return fifoOrder();
    if (kind === 'drf') {
      const total = this.resources.vector();
      for (const host of this.cluster.hosts) for (let r = 0; r < total.length; r++) total[r]! += host.capacity[r]!;
      return drfOrder(total);
    }
    return priorityOrder();
  }

  /** Hands a service to its replica and deployment controller. */
  private reconcile(service: string): void {
    const desired = this.desiredState.services[service];
    if (desired === undefined) {
      this.deployments.reconcile(service, undefined);
      return;
    }
    const { progressDeadline, ...counts } = desired.rollout ?? {};
    const rollout: RolloutSettings = { ...counts };
    if (progressDeadline !== undefined) {
      const ms = parseDuration(progressDeadline);
      if (typeof ms === 'string') {
        throw new ConfigError([{ path: `services.${service}.rollout.progressDeadline`, message: ms }], 'desired state');
      }
      Object.assign(rollout, { progressDeadlineMs: ms });
    }
    this.deployments.reconcile(service, { ...desired, rollout });
  }

  /** Reconciles a service once, at the current instant, after the event being handled. */
  private requestReconcile(service: string): void {
    if (this.pendingReconciles.has(service)) return;
    this.pendingReconciles.add(service);
    this.env.schedule(0, () => {
      this.pendingReconciles.delete(service);
      this.reconcile(service);
    });
  }

  private liveMembers(service: string): Container[] {
    const members = this.members.get(service);
    if (members === undefined) return [];
    const live: Container[] = [];
    for (const c of members) {
      if (isFinished(c.phase)) members.delete(c);
      else if (c.phase !== 'terminating') live.push(c);
    }
    return live;
  }

  private createReplica(service: string, template: object, revision: number): void {
    const n = this.serviceCounters.get(service) ?? 0;
    this.serviceCounters.set(service, n + 1);
    const parsed = this.parsedTemplates.get(template)!;
    const spec = buildContainerSpec(`${service}-${n}`, parsed, this.resources, this.images, { service });
    this.submit(revision === 0 ? spec : { ...spec, revision });
  }

  /**
   * Rolls a service back to the template of its previous revision (`kubectl rollout undo`): a
   * desired-state change like any other, so it is logged and rolled out the same way.
   */
  rollback(service: string): void {
    const previous = this.deployments.previousTemplate(service);
    if (previous === undefined) {
      throw new ConfigError(
        [{ path: `services.${service}`, message: 'no previous revision to roll back to' }],
        'argument',
      );
    }
    this.update((d) => {
      d.services[service]!.template = previous as ContainerTemplateInput;
    });
  }

  /** The service's current revision and whether it is rolling. */
  rolloutStatus(service: string): { readonly revision: number; readonly rolling: boolean } {
    return this.deployments.status(service);
  }

  /**
   * A container that ended is replaced by its controller: a service's replica controller keeps the
   * replica count; a job's controller retries a failed or evicted task up to the backoff limit.
   */
  private replace(container: Container): void {
    if (container.service !== undefined) {
      this.reconcile(container.service);
      return;
    }
    const job = container.spec.job;
    if (job === undefined || container.phase === 'succeeded') return;
    const failures = (this.jobFailures.get(job) ?? 0) + 1;
    this.jobFailures.set(job, failures);
    const limit = Object.hasOwn(this.scenario.jobs, job) ? this.scenario.jobs[job]!.backoffLimit : this.jobBackoffLimit;
    if (failures > limit) {
      const progress = this.jobProgress.get(job);
      if (progress !== undefined && !progress.over) {
        progress.over = true;
        this.emit({ at: this.env.now, type: 'job.failed', job, reason: 'BackoffLimitExceeded', failures });
      }
      return;
    }
    const base = container.name.replace(/-retry\d+$/, '');
    this.submit({ ...container.spec, name: `${base}-retry${failures}` });
  }

  /** The kubelet gave up on a container whose restart policy forbids restarts. */
  private failContainer(container: Container, reason: string): void {
    this.cancelStep(container);
    const host = container.host;
    container.phase = 'failed';
    container.finishedAt = this.env.now;
    this.release(container);
    this.emit({
      at: this.env.now,
      type: 'container.failed',
      container: container.name,
      host: host?.name ?? null,
      reason,
    });
    this.replace(container);
  }

  /** Removes a container on purpose (scale-down): it terminates without replacement. */
  private stop(container: Container, reason: string): void {
    this.cancelStep(container);
    this.schedulingQueue.remove(container);
    const host = container.host;
    container.finishedAt = this.env.now;
    if (host !== null) {
      container.phase = 'succeeded';
      this.emit({ at: this.env.now, type: 'container.terminating', container: container.name, host: host.name });
      this.release(container);
      this.kubelet.stopped(container, reason);
      this.emit({ at: this.env.now, type: 'container.succeeded', container: container.name, host: host.name });
    } else {
      // Never placed: it ends as failed, as the log says.
      container.phase = 'failed';
      this.emit({ at: this.env.now, type: 'container.failed', container: container.name, host: null, reason });
    }
    // Kubernetes resyncs a ReplicaSet when one of its pods goes: a rollout waiting on it moves on.
    if (container.service !== undefined) this.requestReconcile(container.service);
  }

  /** One placement attempt for a queued container; true when it was placed. */
  private attempt(container: Container): boolean {
    const now = this.env.now;
    container.attempts += 1;
    this.counters.attempts += 1;
    let placement: ReturnType<Scheduler['place']>;
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
      this.emit({
        at: now,
        type: 'placement.rejected',
        container: container.name,
        attempt,
        reasons: detailed ? this.scheduler.rejectionReasons(container) : {},
      });
      return false;
    }
    this.schedulingQueue.remove(container);
    if (placement.victims.length > 0) {
      this.counters.preemptions += 1;
      this.emit({
        at: now,
        type: 'container.preempted',
        container: container.name,
        host: host.name,
        victims: placement.victims.map((v) => v.name),
      });
      for (const victim of placement.victims) this.evict(victim, `preempted by ${container.name}`);
    }
    this.bind(container, host);
    return true;
  }

  private bindPinned(container: Container, hostName: string): void {
    const host = this.cluster.hostsByName.get(hostName);
    const fits =
      host !== undefined &&
      host.containerCount < host.maxContainers &&
      container.requests.every((need, r) => need === 0 || host.allocated[r]! + need <= host.capacity[r]!);
    if (host === undefined || !fits) {
      container.phase = 'failed';
      container.finishedAt = this.env.now;
      this.emit({
        at: this.env.now,
        type: 'container.failed',
        container: container.name,
        host: host?.name ?? null,
        reason: host === undefined ? `no host named '${hostName}'` : `does not fit on pinned host '${hostName}'`,
      });
      return;
    }
    this.bind(container, host);
  }

  private bind(container: Container, host: Host): void {
    const now = this.env.now;
    this.cluster.bind(container, host);
    this.scheduler.hostChanged(host);
    this.queue.usageChanged?.(container, 1);
    this.counters.placed += 1;
    container.phase = 'scheduled';
    container.scheduledAt = now;
    this.emit({ at: now, type: 'container.scheduled', container: container.name, host: host.name });
    this.launch(container);
  }

  /** The host's agent pulls the image if needed, then starts the container. Nothing happens on a dead host. */
  private launch(container: Container): void {
    const host = container.host!;
    if (!host.alive) return;
    const now = this.env.now;
    const image = container.image;
    const pulledAt = host.images.get(image);
    if (pulledAt !== undefined && pulledAt <= now) {
      this.startContainer(container);
      return;
    }
    container.phase = 'pulling';
    this.emit({ at: now, type: 'container.pulling', container: container.name, host: host.name, image });
    let readyAt = pulledAt;
    if (readyAt === undefined) {
      readyAt = now + container.spec.pullMs;
      host.images.set(image, readyAt);
    }
    container.pendingStep = this.env.schedule(readyAt - now, this.startStep, container);
  }

  private startContainer(container: Container): void {
    const host = container.host!;
    container.phase = 'starting';
    this.emit({ at: this.env.now, type: 'container.starting', container: container.name, host: host.name });
    container.pendingStep = this.env.schedule(container.spec.startupMs, this.runningStep, container);
  }

  private restartContainer(container: Container): void {
    container.pendingStep = null;
    if (container.host?.alive === true) this.startContainer(container);
  }

  private running(container: Container): void {
    const host = container.host!;
    container.phase = 'running';
    if (container.startedAt < 0) container.startedAt = this.env.now;
    this.emit({ at: this.env.now, type: 'container.running', container: container.name, host: host.name });
    this.kubelet.started(container);
    const duration = container.spec.durationMs;
    if (duration !== Number.POSITIVE_INFINITY) {
      container.pendingStep = this.env.schedule(duration, this.completeStep, container);
    } else {
      container.pendingStep = null;
    }
  }

  private complete(container: Container): void {
    const host = container.host!;
    container.pendingStep = null;
    container.phase = 'succeeded';
    container.finishedAt = this.env.now;
    // Free the host before anyone hears of the end, so listeners never see a finished container holding resources.
    this.release(container);
    this.kubelet.stopped(container, 'completed');
    this.emit({ at: this.env.now, type: 'container.succeeded', container: container.name, host: host.name });
    this.replace(container);
    const job = container.spec.job === undefined ? undefined : this.jobProgress.get(container.spec.job);
    if (job !== undefined && !job.over && ++job.succeeded === job.total) {
      job.over = true;
      this.emit({
        at: this.env.now,
        type: 'job.completed',
        job: container.spec.job!,
        durationMs: this.env.now - job.submitAt,
        retries: this.jobFailures.get(container.spec.job!) ?? 0,
      });
    }
  }

  private release(container: Container): void {
    const host = container.host;
    if (host === null) return;
    this.cluster.unbind(container);
    this.scheduler.hostChanged(host);
    this.queue.usageChanged?.(container, -1);
    this.schedulingQueue.clusterChanged();
  }

  private cancelStep(container: Container): void {
    const step = container.pendingStep as Callback | null;
    if (step !== null) this.env.cancel(step);
    container.pendingStep = null;
  }
}

/** Creates a simulation from a scenario (validated; a bad one throws a ConfigError listing every issue). */
export function createSimulation(scenario: ScenarioInput, options?: SimulationOptions): Simulation {
  return new Simulation(scenario, options);
}

/** Failure-detection timings from the scenario's `health` section. */
function healthSettings(health: Scenario['health']): NodeHealthSettings {
  const base = NODE_HEALTH_PRESETS[health?.preset ?? 'kubernetes'];
  return {
    heartbeatPeriodMs: health?.heartbeatPeriod ?? base.heartbeatPeriodMs,
    monitorPeriodMs: health?.monitorPeriod ?? base.monitorPeriodMs,
    gracePeriodMs: health?.gracePeriod ?? base.gracePeriodMs,
    evictionTimeoutMs: health?.evictionTimeout ?? base.evictionTimeoutMs,
  };
}

/** A random failure model from its scenario entry. */
function failureModel(entry: Scenario['failures'][number]): FailureModel {
  if (entry.model === 'host-failures') {
    return randomHostFailures({
      groups: entry.groups,
      mtbf: distribution(entry.mtbf),
      mttr: distribution(entry.mttr),
      until: entry.until,
    });
  }
  return randomContainerCrashes({ service: entry.service, mtbf: distribution(entry.mtbf), until: entry.until });
}

function distribution(d: Scenario['failures'][number]['mtbf']): Distribution {
  switch (d.dist) {
    case 'constant':
      return constant(d.value);
    case 'exponential':
      return exponentialDist(d.mean);
    case 'uniform':
      return uniformDist(d.min, d.max);
    case 'weibull':
      return weibullDist(d.scale, d.shape);
    case 'lognormal':
      return lognormalFromMeanCv(d.mean, d.cv);
  }
}

function collectResourceNames(scenario: Scenario): string[] {
  const names: string[] = [];
  const add = (record: Readonly<Record<string, number>> | undefined) => {
    if (record === undefined) return;
    for (const name of Object.keys(record)) if (!names.includes(name)) names.push(name);
  };
  for (const g of scenario.hosts) add(g.capacity);
  for (const s of Object.values(scenario.services)) add(s.template.requests);
  for (const j of Object.values(scenario.jobs)) for (const t of j.tasks) add(t.requests);
  for (const c of scenario.containers) add(c.requests);
  return names;
}
