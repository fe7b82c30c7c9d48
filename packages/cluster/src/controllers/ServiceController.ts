import { ConfigError, type ConfigIssue } from '@berth/kernel';
import { enablePatches, freeze, type Patch, produceWithPatches } from 'immer';
import { type Container, isFinished } from '../containers/Container.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { parseDuration } from '../quantities/parseDuration.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { LIMITS } from '../scenario/fieldSchemas.js';
import { validate } from '../scenario/parseScenario.js';
import {
  type ContainerTemplate,
  type ContainerTemplateInput,
  desiredStateSchema,
  type Scenario,
} from '../scenario/scenarioSchema.js';
import { buildContainerSpec, type ImageCatalog } from '../simulation/buildContainerSpec.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { DeploymentController, type RolloutSettings } from './DeploymentController.js';
import type { DesiredState } from './DesiredState.js';

enablePatches();

/**
 * The services' controller: holds the desired state (changed with `update`, like `kubectl apply`) and
 * keeps every service at it through its {@link DeploymentController} (replica count, rolling update,
 * rollback), as Kubernetes' Deployment and ReplicaSet controllers do.
 *
 * Hears `container.created` (a replica of a service), `container.ready` / `container.unready`
 * (rollout progress), a graceful eviction's `container.terminating`, and the end of a replica (`container.succeeded`, `container.failed`,
 * `container.evicted`): it replaces a replica that ended unless it removed it itself.
 */
export class ServiceController {
  private desiredState: DesiredState;
  /** Parsed templates by identity: immer keeps unchanged templates identical, so each parses once. */
  private readonly parsedTemplates = new WeakMap<object, ContainerTemplate>();
  private readonly deployments: DeploymentController;
  /** Containers ever created per service (finished ones are dropped lazily). */
  private readonly members = new Map<string, Set<Container>>();
  /** Replicas created so far per service, for their names. */
  private readonly created = new Map<string, number>();
  /** Replicas this controller removed (scale-down, rollout) whose end it has not heard yet. */
  private readonly removing = new Set<Container>();
  private readonly pendingReconciles = new Set<string>();

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly resources: ResourceCatalog,
    private readonly images: ImageCatalog,
    /** The services as written, and as parsed. */
    services: DesiredState['services'],
    parsed: Readonly<Record<string, { readonly template: ContainerTemplate }>>,
  ) {
    this.desiredState = freeze({ services: structuredClone(services) }, true) as DesiredState;
    for (const [name, service] of Object.entries(this.desiredState.services)) {
      this.parsedTemplates.set(service.template, parsed[name]!.template);
    }
    this.deployments = new DeploymentController({
      get now() {
        return rt.env.now;
      },
      emit: (e) => rt.emit(e),
      live: (service) => this.liveMembers(service),
      create: (service, template, revision) => this.createReplica(service, template, revision),
      remove: (c, reason) => this.remove(c, reason),
      later: (delay, check) => {
        rt.env.schedule(delay, check, undefined, { name: 'rollout-deadline' });
      },
    });
  }

  /** Brings every service of the scenario to its desired state (at the start of the run). */
  start(): void {
    for (const service of Object.keys(this.desiredState.services)) this.reconcile(service);
  }

  /**
   * Puts the scenario's timed changes on the agenda; each becomes an `update` at its time. `raw` is
   * the scenario's `changes` as written, whose templates keep their units as text, like the desired state's.
   */
  scheduleChanges(
    changes: Scenario['changes'],
    raw: ReadonlyArray<{ readonly template?: ContainerTemplateInput }>,
  ): void {
    const env = this.rt.env;
    changes.forEach((change, i) => {
      env.schedule(change.at - env.now, () =>
        this.update((d) => {
          const service = d.services[change.service]!;
          if (change.replicas !== undefined) service.replicas = change.replicas;
          if (change.template !== undefined) service.template = raw[i]!.template!;
          if (change.image !== undefined) service.template = { ...service.template, image: change.image };
          if (change.paused !== undefined) service.paused = change.paused;
        }),
      );
    });
  }

  /** The desired state (frozen). */
  get desired(): DesiredState {
    return this.desiredState;
  }

  /** The event types {@link handle} reacts to: it hears no other. */
  readonly hears: readonly ClusterEventType[] = [
    'container.created',
    'container.ready',
    'container.unready',
    'container.terminating',
    'container.succeeded',
    'container.failed',
    'container.evicted',
  ];

  /** The controller's reaction to an event. */
  readonly handle = (event: ClusterEvent): void => {
    switch (event.type) {
      case 'container.created':
        if (event.service !== undefined) {
          const c = this.rt.container(event.container);
          if (c !== undefined) this.memberOf(event.service).add(c);
        }
        return;
      case 'container.ready':
      case 'container.unready': {
        const service = this.rt.container(event.container)?.service;
        if (service === undefined) return;
        this.deployments.readinessChanged(service, event.type === 'container.ready');
        if (this.deployments.status(service).rolling) this.requestReconcile(service);
        return;
      }
      case 'container.terminating': {
        // Evicted gracefully: a terminating replica no longer counts, so it is replaced while it drains,
        // as the ReplicaSet controller does.
        if (event.evicted === undefined) return;
        const c = this.rt.container(event.container);
        if (c?.service !== undefined && !this.removing.has(c)) this.reconcile(c.service);
        return;
      }
      case 'container.succeeded':
      case 'container.failed':
      case 'container.evicted': {
        const c = this.rt.container(event.container);
        if (c === undefined || c.service === undefined) return;
        if (this.removing.delete(c)) return;
        this.reconcile(c.service);
        return;
      }
      default:
    }
  };

  /**
   * Changes the desired state with an immer recipe: `update(d => { d.services.web.replicas = 5 })`.
   * The patches are logged as a `desired.changed` event and the affected services are reconciled at once.
   */
  update(recipe: (draft: DesiredState) => void): Patch[] {
    const [next, patches] = produceWithPatches(this.desiredState, recipe);
    if (patches.length === 0) return patches;
    const issues = this.check(next);
    if (issues.length > 0) throw new ConfigError(issues, 'desired state');
    this.desiredState = next;
    this.rt.emit({
      at: this.rt.env.now,
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

  /**
   * Checks a changed desired state as the scenario's services are checked, with the same schema and
   * limits: each service that changed (an unchanged one passed already), the total of replicas, and
   * names a new service would take from a job or a standalone container. Remembers the parsed
   * templates of those that pass.
   */
  private check(next: DesiredState): ConfigIssue[] {
    const previous = this.desiredState.services;
    const services: unknown = next.services;
    const isRecord = typeof services === 'object' && services !== null && !Array.isArray(services);
    const changed: Record<string, unknown> = {};
    if (isRecord) {
      for (const [name, service] of Object.entries(services)) if (service !== previous[name]) changed[name] = service;
    }
    const parsed = validate(desiredStateSchema, { ...next, services: isRecord ? changed : services });
    if (!parsed.ok) return parsed.issues;
    const issues: ConfigIssue[] = [];
    let replicas = 0;
    for (const service of Object.values(next.services)) replicas += service.replicas;
    if (replicas > LIMITS.containers) {
      issues.push({
        path: 'services',
        message: `at most ${LIMITS.containers} replicas are supported in all, got ${replicas}`,
      });
    }
    const { jobs, containers } = this.rt.scenario;
    for (const name of Object.keys(changed)) {
      if (Object.hasOwn(previous, name)) continue;
      if (Object.hasOwn(jobs, name)) {
        issues.push({ path: `services.${name}`, message: `'${name}' names a job; their containers would share names` });
      }
      const taken = containers.find(
        (c) => c.name.startsWith(`${name}-`) && /^(0|[1-9][0-9]*)$/.test(c.name.slice(name.length + 1)),
      );
      if (taken !== undefined) {
        issues.push({
          path: `services.${name}`,
          message: `the replicas of '${name}' would take the name of the container '${taken.name}'`,
        });
      }
    }
    for (const name of Object.keys(changed)) {
      const service = next.services[name];
      const before = previous[name];
      if (service === undefined || before === undefined) continue;
      for (const key of ['autoscaling', 'usage', 'slo'] as const) {
        // Immer keeps an unchanged section identical, so identity tells a change.
        if (service[key] !== before[key]) {
          issues.push({
            path: `services.${name}.${key}`,
            message: `'${key}' is read when the simulation starts and cannot be changed mid-run; set it in the scenario`,
          });
        }
      }
    }
    if (issues.length > 0) return issues;
    for (const [name, service] of Object.entries(parsed.value.services)) {
      const template = (changed[name] as { template: object }).template;
      if (!this.parsedTemplates.has(template)) this.parsedTemplates.set(template, service.template);
    }
    return issues;
  }

  /** Rolls a service back to the template of its previous revision (`kubectl rollout undo`). */
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
    this.rt.env.schedule(0, () => {
      this.pendingReconciles.delete(service);
      this.reconcile(service);
    });
  }

  private memberOf(service: string): Set<Container> {
    let members = this.members.get(service);
    if (members === undefined) {
      members = new Set();
      this.members.set(service, members);
    }
    return members;
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
    const n = this.created.get(service) ?? 0;
    this.created.set(service, n + 1);
    const parsed = this.parsedTemplates.get(template)!;
    const spec = buildContainerSpec(`${service}-${n}`, parsed, this.resources, this.images, { service });
    // Nomad's spread targets are shares of the group's count (tg.Count): the replicas wanted now.
    const sized =
      spec.nomad === undefined ? spec : { ...spec, groupSize: this.desiredState.services[service]?.replicas };
    this.memberOf(service).add(this.rt.submit(revision === 0 ? sized : { ...sized, revision }));
  }

  /** Removes a replica on purpose; Kubernetes resyncs a ReplicaSet when one of its pods goes, so a rollout waiting on it moves on. */
  private remove(container: Container, reason: string): void {
    this.removing.add(container);
    this.rt.stop(container, reason);
    this.requestReconcile(container.service!);
  }
}
