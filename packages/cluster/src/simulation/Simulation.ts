import {
  argumentError,
  ConfigError,
  type ConfigIssue,
  createRandom,
  Environment,
  formatPath,
  type RandomSource,
} from '@berth/kernel';
import type { Patch } from 'immer';
import { autoscalersOf } from '../autoscaling/autoscalersOf.js';
import { type ResourceUsage, UsageTracker } from '../autoscaling/ResourceUsage.js';
import { Container, type ContainerSpec, isFinished } from '../containers/Container.js';
import { ContainerLifecycle } from '../containers/ContainerLifecycle.js';
import { checkContainerSpec } from '../containers/checkContainerSpec.js';
import type { Controller } from '../controllers/Controller.js';
import type { DesiredState } from '../controllers/DesiredState.js';
import { horizontalPodAutoscaler } from '../controllers/HorizontalPodAutoscaler.js';
import { JobController } from '../controllers/JobController.js';
import { NodeLifecycleController } from '../controllers/NodeLifecycleController.js';
import { ServiceController } from '../controllers/ServiceController.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { EventLog, type EventLogMode } from '../events/EventLog.js';
import { FunctionController } from '../functions/FunctionController.js';
import type { FunctionReport } from '../functions/FunctionStats.js';
import { functionSettings, type KeepAlivePolicyFactory } from '../functions/functionSettings.js';
import { NODE_HEALTH_PRESETS, type NodeHealthSettings, NodeLifecycle } from '../health/NodeLifecycle.js';
import type { Host, HostState } from '../hosts/Host.js';
import { HostActions } from '../hosts/HostActions.js';
import type { HostSpec } from '../hosts/HostSpec.js';
import type { LoadBalancingPolicyFactory } from '../network/policyCatalog.js';
import { TrafficController } from '../network/TrafficController.js';
import type { TrafficObserver } from '../network/TrafficObserver.js';
import type { TrafficReport } from '../network/TrafficStats.js';
import { parseDuration } from '../quantities/parseDuration.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { atPath } from '../scenario/atPath.js';
import { describeValue } from '../scenario/describeValue.js';
import { parsedFrom, parseScenario } from '../scenario/parseScenario.js';
import type { ContainerTemplateInput, Scenario, ScenarioInput } from '../scenario/scenarioSchema.js';
import { scenarioWarnings } from '../scenario/scenarioWarnings.js';
import type { Decision } from '../scheduler/Decision.js';
import { SchedulingLoop } from '../scheduler/SchedulingLoop.js';
import type { Strategy } from '../scheduler/Strategy.js';
import { resolveStrategy } from '../strategies/resolveStrategy.js';
import type { StrategyFactory } from '../strategies/StrategyFactory.js';
import { StreamFeed, type StreamReport } from '../streams/StreamFeed.js';
import { scenarioSyntheticStream } from '../streams/syntheticStream.js';
import type { TraceStreamFactory } from '../streams/TraceStreamFactory.js';
import type { WorkloadSource } from '../streams/WorkloadSource.js';
import type { ClusterRuntime, EvictOptions, SchedulingCounters } from './ClusterRuntime.js';
import { type ClusterReader, ClusterState } from './ClusterState.js';
import { compileParsedTemplate } from './compileTemplate.js';
import { arrivals, distribution, instantiateScenario } from './instantiateScenario.js';
import { type ClusterSnapshot, SnapshotBuilder } from './SnapshotBuilder.js';
import { simulationChecks, unknownTraceFormat } from './simulationChecks.js';
import { submissionPlan } from './submissionPlan.js';

/** Options of {@link createSimulation}; each overrides the scenario. */
export interface SimulationOptions {
  readonly seed?: number | string | undefined;
  /**
   * The strategy to run instead of the scenario's `scheduler.strategy`: a name (from STRATEGIES or
   * `strategies`), or a complete strategy built for this simulation.
   */
  readonly strategy?: string | Strategy | undefined;
  /** Extra named strategies, on top of the built-in ones, for the scenario or `strategy` to name. */
  readonly strategies?: Readonly<Record<string, StrategyFactory>> | undefined;
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
  /** Balancing policies beyond the built-in ones, by the name a service's `serving.balancing` gives. */
  readonly balancing?: Readonly<Record<string, LoadBalancingPolicyFactory>> | undefined;
  /** Controllers of your own, started in order once the scenario is in place (see {@link Simulation.addController}). */
  readonly controllers?: readonly Controller[] | undefined;
  /** Keep-alive policies beyond the built-in ones, by the name a scenario's `functions.keepAlive` gives. */
  readonly keepAlivePolicies?: Readonly<Record<string, KeepAlivePolicyFactory>> | undefined;
  /** Workload sources of your own, read after the scenario's `streams` (see {@link Simulation.stream}). */
  readonly streams?: readonly WorkloadSource[] | undefined;
  /**
   * How the scenario's trace streams are read, by format name: pass @berth/workloads' TRACE_STREAMS.
   * Without it a scenario naming a trace is refused.
   */
  readonly traceStreams?: Readonly<Record<string, TraceStreamFactory>> | undefined;
  /**
   * Treat the scenario's warnings (see {@link Simulation.warnings}) as errors: a ConfigError listing
   * them, as `berth run --strict` does. Default false: a warning is kept in `warnings` and the run goes on.
   */
  readonly strict?: boolean | undefined;
}

/**
 * A running simulated cluster. Create one with {@link createSimulation}; drive it with `run`, `step`
 * and `update`; read it with `snapshot`, `events`, `decisions` and `container`; inject faults with
 * `crashHost` and its kin.
 *
 * The simulation is the composition root: it builds the parts from the scenario — the scheduling
 * loop, the container lifecycle (with the kubelet), the node lifecycle, service and job controllers —
 * and wires them to the event log, in the order of reaction EventLog documents. It holds no behaviour
 * of its own: each verb below hands over to the part that owns it. It is also a {@link ClusterRuntime},
 * the interface every part and every add-on (metrics, failure models, operations) works through.
 */
export class Simulation implements ClusterRuntime {
  readonly env: Environment;
  readonly scenario: Scenario;
  readonly resources: ResourceCatalog;
  readonly random: RandomSource;
  readonly log: EventLog;
  /** Failure-detection timings: when a silent host is noticed, and when a returning one is seen again. */
  readonly nodeLifecycle: NodeLifecycle;
  /** What containers use (cpu, memory, requests served, queues), from requests and the services' usage models. */
  readonly usage: ResourceUsage;
  /** The scenario as written, for {@link Simulation.warnings}. */
  private readonly input: unknown;
  private warned: readonly ConfigIssue[] | undefined;
  private readonly state: ClusterState;
  private readonly hosts: HostActions;
  private readonly scheduling: SchedulingLoop;
  private readonly lifecycle: ContainerLifecycle;
  private readonly services: ServiceController;
  private readonly snapshots: SnapshotBuilder;
  private readonly requests: TrafficController | null;
  private readonly functionPlatform: FunctionController | null;
  private readonly feeds: StreamFeed[] = [];
  private readonly asyncFeeds: StreamFeed[] = [];

  constructor(source: ScenarioInput | Scenario, options: SimulationOptions = {}) {
    // A scenario from parseScenario is taken as it is; anything else is parsed here, once.
    const parsed = parsedFrom(source);
    const input = parsed ?? (source as ScenarioInput);
    // The names the scenario gives are checked with the schema, in one pass (see simulationChecks).
    const check = simulationChecks(options);
    const scenario = parsed === undefined ? parseScenario(source, 'scenario', { check }) : (source as Scenario);
    if (parsed !== undefined) {
      const issues = check(scenario);
      if (issues.length > 0) {
        throw new ConfigError(
          issues.map((i) => ({ path: formatPath(i.path), message: i.message, code: 'custom' })),
          'scenario',
        );
      }
    }
    this.scenario = scenario;
    this.input = input;
    if (options.strict === true && this.warnings.length > 0) throw new ConfigError(this.warnings, 'scenario (strict)');
    const instance = instantiateScenario(scenario, options.balancing);
    const env = new Environment();
    this.env = env;
    this.random = createRandom(options.seed ?? scenario.seed);
    this.resources = instance.resources;
    this.log = new EventLog(options.eventLog ?? { keep: 'all' });
    if (options.onEvent !== undefined) this.log.subscribe(options.onEvent);
    const emit = (event: ClusterEvent) => this.log.record(event);

    const hosts = instance.hosts;
    const cluster = new ClusterState(
      hosts,
      this.resources,
      this.random.stream('scheduler'),
      options.keepFinished ?? true,
      () => env.now,
    );
    this.state = cluster;
    this.nodeLifecycle = new NodeLifecycle(options.nodeHealth ?? healthSettings(scenario.health), env);
    const period = this.nodeLifecycle.settings.heartbeatPeriodMs;
    const heartbeats = this.random.stream('heartbeats');
    for (const host of hosts) host.heartbeatPhase = period > 0 ? heartbeats.integer(0, period) : 0;

    this.hosts = new HostActions({ env, cluster, emit, heartbeats, heartbeatPeriodMs: period });
    const { strategy, order } = resolveStrategy({
      config: scenario.scheduler,
      resources: this.resources,
      images: instance.images,
      hosts: cluster.hosts,
      workload: [
        ...instance.containers.map((c) => c.spec),
        ...instance.jobs.flatMap((j) => j.tasks.map((t) => t.spec)),
      ],
      strategy: options.strategy,
      strategies: options.strategies,
    });
    this.scheduling = new SchedulingLoop(
      { env, cluster, emit, evict: (c, reason) => this.lifecycle.evict(c, reason) },
      { strategy, order, queue: scenario.scheduler, explain: options.explain },
    );
    this.lifecycle = new ContainerLifecycle({
      env,
      cluster,
      emit,
      release: (c) => this.scheduling.release(c),
      withdraw: (c) => this.scheduling.withdraw(c),
      busy: (c) => this.requests?.busy(c) ?? false,
    });
    const nodes = new NodeLifecycleController(this, this.lifecycle, this.nodeLifecycle);
    const inputServices = (input as { services?: DesiredState['services'] }).services ?? {};
    this.services = new ServiceController(this, this.resources, instance.images, inputServices, scenario.services);
    const jobs = new JobController(this, instance.jobs, options.jobBackoffLimit);
    this.requests = instance.traffic === null ? null : new TrafficController(this, instance.traffic);
    const models: Record<string, NonNullable<Scenario['services'][string]['usage']>> = {};
    for (const [name, service] of Object.entries(scenario.services))
      if (service.usage !== undefined) models[name] = service.usage;
    const usage = new UsageTracker(
      env,
      models,
      () => this.requests,
      (name) => this.state.containers.get(name),
    );
    this.usage = usage;
    const functions = functionSettings(scenario, instance.images, options.keepAlivePolicies);
    this.functionPlatform = functions === null ? null : new FunctionController(this, functions);
    this.snapshots = new SnapshotBuilder(this);

    // The order of reaction to one event: the scheduler's books, the host's agent, the node lifecycle,
    // the owners' controllers, then the traffic (see EventLog).
    for (const part of [this.scheduling, this.lifecycle, nodes, this.services, jobs]) {
      this.log.addController(part.handle, part.hears);
    }
    if (this.requests !== null) this.log.addController(this.requests.handle, this.requests.hears);
    if (usage.modelled) this.log.addController(usage.handle, usage.hears);
    if (this.functionPlatform !== null) {
      this.log.addController(this.functionPlatform.handle, this.functionPlatform.hears);
    }
    this.log.addFinisher(this.snapshots.touch);
    if (!cluster.keepFinished) {
      this.log.addFinisher(
        (event) => {
          const c = cluster.containers.get((event as { container: string }).container);
          if (c !== undefined) cluster.forgetIfGone(c);
        },
        ['container.succeeded', 'container.failed', 'container.evicted'],
      );
    }

    for (const host of hosts) emit({ at: 0, type: 'host.added', host: host.name, group: host.group });
    this.services.start();
    jobs.start();
    const planned =
      scenario.submission === undefined
        ? instance.containers
        : submissionPlan(instance.containers, scenario.submission, hosts, this.random.stream('order'));
    // Specs built from the parsed scenario pass checkContainerSpec by construction: not checked again
    // one by one (ten thousand pods of a trace would each pay for it).
    for (const { at, spec } of planned) env.schedule(at, () => this.scheduling.submit(spec));
    instance.faults?.attach(this);
    const rawChanges = (input as { changes?: Array<{ template?: ContainerTemplateInput }> }).changes ?? [];
    this.services.scheduleChanges(scenario.changes, rawChanges);
    instance.failureModels.forEach((model, i) => {
      atPath(`failures[${i}]`, () => model.attach(this));
    });
    this.requests?.start();
    // The services' autoscalers, in the scenario's order, then the node autoscalers (node groups, a
    // provisioner), all before the controllers of the options.
    for (const [name, service] of Object.entries(scenario.services)) {
      if (service.autoscaling !== undefined) this.addController(horizontalPodAutoscaler(name, service.autoscaling));
    }
    for (const controller of autoscalersOf(scenario, this.resources)) this.addController(controller);
    this.functionPlatform?.start();
    for (const controller of options.controllers ?? []) this.addController(controller);
    for (const source of scenarioStreams(this, options.traceStreams)) this.stream(source);
    for (const source of options.streams ?? []) this.stream(source);
  }

  /**
   * Starts reading a workload source: its items are applied one at a time as simulated time reaches
   * them, each putting the next on the agenda. A source read with `await` (a trace file) makes the
   * simulation run with {@link runAsync} from then on.
   */
  stream(source: WorkloadSource): void {
    const items = source.open({ runtime: this, random: this.random.stream(`stream:${source.name}`) });
    const feed = new StreamFeed(this, source, items);
    this.feeds.push(feed);
    if (feed.isAsync) this.asyncFeeds.push(feed);
    else feed.start();
  }

  /** What each stream has done so far: items applied, late items, rows read and rejected. */
  streamReports(): StreamReport[] {
    return this.feeds.map((f) => f.report());
  }

  /** True while a stream read with `await` has items left: then only {@link runAsync} may run the simulation. */
  get needsAsync(): boolean {
    for (const feed of this.asyncFeeds) if (!feed.done) return true;
    return false;
  }

  /**
   * {@link run} for a simulation that reads async streams (trace files): reads each a little ahead,
   * runs the agenda up to the last item read, and again, until `until` (ms or text), the scenario's
   * horizon, or the end. The result is the same however the reads fall.
   */
  async runAsync(until?: number | string): Promise<this> {
    const target = this.targetOf(until);
    for (;;) {
      let limit = target;
      for (const feed of this.asyncFeeds) {
        await feed.fill(this.env.peek());
        limit = Math.min(limit, feed.horizon());
      }
      if (limit === Number.POSITIVE_INFINITY) {
        this.env.run();
        return this;
      }
      this.env.run({ until: limit });
      if (limit >= target) return this;
    }
  }

  private targetOf(until: number | string | undefined): number {
    const target = until ?? this.scenario.horizon;
    if (target === undefined) return Number.POSITIVE_INFINITY;
    const ms = typeof target === 'number' ? target : parseDuration(target);
    if (typeof ms === 'string') throw new ConfigError([{ path: 'until', message: ms }], 'argument');
    return ms;
  }

  private refuseAsync(): void {
    if (this.needsAsync) {
      throw new Error(
        'This simulation reads a stream asynchronously (a trace file): run it with `await sim.runAsync(until)`.',
      );
    }
  }

  /**
   * Starts a controller of your own now: it hears every later event after the simulation's own
   * controllers and before every observer. Returns a function that stops it hearing events (work it
   * scheduled itself stays scheduled).
   */
  addController(controller: Controller): () => void {
    if (typeof (controller as Partial<Controller> | null)?.start !== 'function') {
      throw argumentError('controller', `expected an object with start(runtime), got ${describeValue(controller)}`);
    }
    const reaction = controller.start(this);
    return reaction === undefined ? () => {} : this.log.addController(reaction, controller.hears);
  }

  /** Current simulated time in ms. */
  /**
   * What in the scenario is almost certainly a mistake though valid, each by path like a validation
   * issue (`services.web.template.requests.memory: 512 is 512 bytes; did you mean '512Mi'?`); see
   * scenarioWarnings. Empty for a scenario without any. Read from the scenario as written, when first asked.
   */
  get warnings(): readonly ConfigIssue[] {
    this.warned ??= Object.freeze(scenarioWarnings(this.input as ScenarioInput));
    return this.warned;
  }

  get now(): number {
    return this.env.now;
  }

  /** Hosts and where containers are bound (read-only: change them through the verbs). */
  get cluster(): ClusterReader {
    return this.state;
  }

  /** The desired state (frozen); change it with {@link update}. */
  get desired(): DesiredState {
    return this.services.desired;
  }

  /** Scheduling attempts, preemptions and placements so far. */
  get counters(): SchedulingCounters {
    return this.scheduling.counters;
  }

  /**
   * Runs the simulation to a time (ms or text such as `'10m'`), or to the scenario's horizon, or until
   * nothing is left to do. Returns the simulation for chaining.
   */
  run(until?: number | string): this {
    this.refuseAsync();
    const target = until ?? this.scenario.horizon;
    if (target === undefined) {
      this.env.run();
      return this;
    }
    // A number is a time in ms (Infinity: until nothing is left); anything else goes through parseDuration.
    const ms = typeof target === 'number' && !Number.isNaN(target) && target >= 0 ? target : parseDuration(target);
    if (typeof ms === 'string') throw argumentError('until', ms);
    this.env.run({ until: ms });
    return this;
  }

  /**
   * Runs until `condition` holds after some cluster event, or until `limit` (ms) is reached. Returns
   * true when the condition was met.
   */
  runUntil(condition: (sim: Simulation) => boolean, limit: number = Number.POSITIVE_INFINITY): boolean {
    if (typeof condition !== 'function')
      throw argumentError('condition', `expected a function, got ${describeValue(condition)}`);
    if (typeof limit !== 'number' || Number.isNaN(limit))
      throw argumentError('limit', `expected a time in ms, got ${describeValue(limit)}`);
    if (condition(this)) return true;
    this.refuseAsync();
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
    if (this.asyncFeeds.length > 0) this.refuseAsync();
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
    return this.state.containers.get(name);
  }

  /** Every container kept, in creation order. */
  allContainers(): IterableIterator<Container> {
    return this.state.containers.values();
  }

  /** Every recorded placement attempt of a container (see the `explain` option). */
  decisions(name: string): readonly Decision[] {
    return this.scheduling.decisions(name);
  }

  /**
   * Changes the desired state with an immer recipe, like `kubectl apply`:
   * `sim.update(d => { d.services.web.replicas = 5 })`. The patches are logged as a
   * `desired.changed` event and the affected services are reconciled at once.
   */
  update(recipe: (draft: DesiredState) => void): Patch[] {
    if (typeof recipe !== 'function')
      throw argumentError('recipe', `expected a function, got ${describeValue(recipe)}`);
    return this.services.update(recipe);
  }

  /**
   * Rolls a service back to the template of its previous revision (`kubectl rollout undo`): a
   * desired-state change like any other, so it is logged and rolled out the same way.
   */
  rollback(service: string): void {
    this.services.rollback(service);
  }

  /**
   * What happened to the function invocations so far, overall and per function: cold starts, latency,
   * throttling, instances, idle memory-time and cost. Null when the scenario has no `functions`.
   */
  functions(): FunctionReport | null {
    return this.functionPlatform?.report() ?? null;
  }

  /**
   * One invocation of the function `name` arrives now, as its definition's own arrivals do: for
   * arrivals from elsewhere (a streamed trace, your own process). The function must be defined in the
   * scenario's `functions.definitions`.
   */
  invokeFunction(name: string): void {
    if (this.functionPlatform?.invoke(name) !== true) {
      const known = this.functionPlatform === null ? 'the scenario has no functions' : 'no function of that name';
      throw new ConfigError(
        [{ path: 'function', message: `cannot invoke ${describeValue(name)}: ${known} in functions.definitions` }],
        'argument',
      );
    }
  }

  /** What happened to the requests so far: per load source, per request type, per service. */
  traffic(): TrafficReport {
    return this.requests?.report() ?? { sources: {}, requests: {}, services: {} };
  }

  /**
   * Has `observer` hear each request a load source sends and each request answered, as it happens
   * (a traffic collector's hook: these are too many to be events). Does nothing without request types.
   */
  observeTraffic(observer: TrafficObserver): void {
    this.requests?.observe(observer);
  }

  /** The service's current revision and whether it is rolling. */
  rolloutStatus(service: string): { readonly revision: number; readonly rolling: boolean } {
    return this.services.rolloutStatus(service);
  }

  emit(event: ClusterEvent): void {
    this.log.record(event);
  }

  /** Creates a container now (checked as a scenario's containers are) and queues it for scheduling. */
  submit(spec: ContainerSpec): Container {
    checkContainerSpec(spec, this.resources.size);
    return this.scheduling.submit(spec);
  }

  evict(container: Container, reason: string, options?: EvictOptions): void {
    const grace = options?.gracePeriod;
    if (grace !== undefined && !(grace >= 0))
      throw argumentError('gracePeriod', `expected a duration in ms of at least 0, got ${String(grace)}`);
    this.lifecycle.evict(
      this.known(container, reason),
      reason,
      options?.graceful === true,
      options?.gracePeriod ?? Number.POSITIVE_INFINITY,
    );
  }

  stop(container: Container, reason: string): void {
    this.lifecycle.stop(this.known(container, reason), reason);
  }

  /**
   * `container` if it is a container of this simulation (and `reason` text); else a ConfigError. A
   * finished container may have been forgotten (keepFinished: false); it is let through.
   */
  private known(container: Container, reason: string): Container {
    const kept = container instanceof Container ? this.state.containers.get(container.name) : undefined;
    if (
      !(container instanceof Container) ||
      (kept !== container && (kept !== undefined || !isFinished(container.phase)))
    ) {
      const got =
        container instanceof Container
          ? `container '${container.name}' of another simulation`
          : describeValue(container);
      throw argumentError('container', `expected a container of this simulation (sim.container(name)), got ${got}`);
    }
    if (typeof reason !== 'string') throw argumentError('reason', `expected text, got ${describeValue(reason)}`);
    return container;
  }

  setHostState(name: string, state: HostState): void {
    this.hosts.setHostState(name, state);
  }

  /**
   * Adds a host now, as a node joining the cluster (capacity in Kubernetes notation: `{ cpu: '4',
   * memory: '16Gi' }`). Waiting containers get another try. Resources the scenario did not know
   * cannot be added mid-run.
   */
  addHost(spec: HostSpec): Host {
    return this.hosts.addHost(spec);
  }

  /**
   * Changes a host's allocatable capacity now (`{ cpu: '8', memory: '32Gi' }`; resources not named
   * keep theirs), as a machine's capacity update in a trace. Containers already bound stay, even beyond
   * the new capacity (nothing is evicted for it, as the kubelet evicts only on measured node pressure);
   * waiting containers get another try.
   */
  resizeHost(name: string, capacity: Readonly<Record<string, number | string>>): void {
    this.hosts.resizeHost(name, capacity);
  }

  /**
   * Crashes a host now: its containers die with it, but the control plane only notices when the
   * heartbeats stop arriving (see NodeLifecycle), marks it not ready, and evicts its containers after
   * the eviction timeout so that their controllers replace them elsewhere. With `recoverAfter`, the
   * host comes back after that long (ms or text such as '2m').
   */
  crashHost(name: string, options?: { readonly recoverAfter?: number | string | undefined }): void {
    this.hosts.crashHost(name, options);
  }

  /** Brings a crashed host back: it heartbeats again, is ready, and restarts the containers it still holds. */
  recoverHost(name: string): void {
    this.hosts.recoverHost(name);
  }

  /**
   * Cuts a host off from the control plane: its containers keep running (and serving whoever can reach
   * them) while the control plane declares the host not ready and replaces them elsewhere: split brain.
   */
  partitionHost(name: string, options?: { readonly healAfter?: number | string | undefined }): void {
    this.hosts.partitionHost(name, options);
  }

  /** Ends a partition: the host is heard again, and kills the containers the control plane evicted meanwhile. */
  healHost(name: string): void {
    this.hosts.healHost(name);
  }

  crashContainer(name: string, reason?: string): void {
    this.lifecycle.crashContainer(name, reason);
  }

  hangContainer(name: string): void {
    this.lifecycle.hangContainer(name);
  }

  failReadiness(name: string, duration: number | string): void {
    this.lifecycle.failReadiness(name, duration);
  }
}

/**
 * Creates a simulation from a scenario as written (validated here: a bad one throws a ConfigError
 * listing every issue), or from one `parseScenario` returned (not validated again).
 */
export function createSimulation(scenario: ScenarioInput | Scenario, options?: SimulationOptions): Simulation {
  return new Simulation(scenario, options);
}

/** The scenario's workload streams as sources, in order; a trace format nobody can read is refused. */
function scenarioStreams(
  sim: Simulation,
  traceStreams: Readonly<Record<string, TraceStreamFactory>> | undefined,
): WorkloadSource[] {
  const { scenario } = sim;
  const known = traceStreams ?? {};
  const issues: ConfigIssue[] = [];
  scenario.streams.forEach((entry, i) => {
    if (entry.trace !== undefined && !Object.hasOwn(known, entry.trace.format)) {
      issues.push({
        path: `streams[${i}].trace.format`,
        message: unknownTraceFormat(entry.trace.format, known),
        code: 'custom',
      });
    }
  });
  if (issues.length > 0) throw new ConfigError(issues, 'scenario');
  return scenario.streams.map((entry) => {
    if (entry.trace !== undefined) {
      return known[entry.trace.format]!({
        name: entry.name,
        format: entry.trace.format,
        files: entry.trace.files,
        template: compileParsedTemplate(sim, entry.template),
        until: entry.until,
        limit: entry.limit,
      });
    }
    return scenarioSyntheticStream(
      entry,
      arrivals(entry.arrivals!),
      entry.duration === undefined ? undefined : distribution(entry.duration),
    );
  });
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
