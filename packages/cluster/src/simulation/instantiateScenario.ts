import {
  type ArrivalProcess,
  ConfigError,
  type ConfigIssue,
  constant,
  countsArrivals,
  type Distribution,
  diurnalArrivals,
  empiricalFromPercentiles,
  exponentialDist,
  formatPath,
  lognormalFromMeanCv,
  mmppArrivals,
  onOffArrivals,
  poissonArrivals,
  uniformDist,
  weibullDist,
} from '@berth/kernel';
import type { ContainerSpec } from '../containers/Container.js';
import type { JobPlan } from '../controllers/JobController.js';
import type { FailureModel } from '../failures/FailureModel.js';
import { randomContainerCrashes } from '../failures/randomContainerCrashes.js';
import { randomHostFailures } from '../failures/randomHostFailures.js';
import { plannedFaults } from '../failures/scriptedFaults.js';
import { Host } from '../hosts/Host.js';
import type { LoadBalancingPolicy } from '../network/LoadBalancingPolicy.js';
import { BALANCING_POLICIES, type LoadBalancingPolicyFactory } from '../network/policyCatalog.js';
import type { RequestType } from '../network/RequestType.js';
import type { ServingSettings } from '../network/ServicePlane.js';
import type { TrafficSettings } from '../network/TrafficController.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { atPath } from '../scenario/atPath.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import { allocateNodePorts } from '../scenario/servicePortsSchema.js';
import { SERVING_DEFAULTS } from '../scenario/trafficSchema.js';
import { buildContainerSpec, DEFAULT_CPU_REQUEST, type ImageCatalog } from './buildContainerSpec.js';

/** A parsed scenario turned into the simulation's own objects, before anything runs. */
export interface ScenarioInstance {
  /** cpu, memory, gpu and every extended resource the scenario names. */
  readonly resources: ResourceCatalog;
  readonly images: ImageCatalog;
  /** Every host of every group, in declaration order (heartbeat phases not drawn yet). */
  readonly hosts: Host[];
  /** The scenario's jobs with one spec per task container. */
  readonly jobs: JobPlan[];
  /** The scenario's bare containers, with the time each is submitted. */
  readonly containers: ReadonlyArray<{ readonly at: number; readonly spec: ContainerSpec }>;
  /** The scripted faults as one model, or null when there are none. */
  readonly faults: FailureModel | null;
  /** The random failure models, in scenario order. */
  readonly failureModels: readonly FailureModel[];
  /** Requests, their load and how services serve them; null when the scenario sends no request. */
  readonly traffic: TrafficSettings | null;
}

/**
 * Turns a parsed scenario into hosts, container specs, job plans and failure models. Pure data: it
 * schedules nothing, draws no random number and emits no event; the simulation wires the result.
 */
export function instantiateScenario(
  scenario: Scenario,
  /** Balancing policies beyond the built-in ones, by name. */
  policies: Readonly<Record<string, LoadBalancingPolicyFactory>> = {},
): ScenarioInstance {
  const resources = new ResourceCatalog(collectResourceNames(scenario));
  const images: ImageCatalog = new Map(Object.entries(scenario.images));

  const hosts: Host[] = [];
  for (const group of scenario.hosts) {
    const capacity = resources.fromRecord(
      group.gpus === undefined ? group.capacity : { ...group.capacity, gpu: group.gpus.count },
    );
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
          group.gpus,
        ),
      );
    }
  }

  const jobs: JobPlan[] = [];
  for (const [name, job] of Object.entries(scenario.jobs)) {
    const tasks: Array<{ at: number; spec: ContainerSpec }> = [];
    for (const task of job.tasks) {
      // One spec per task, renamed per container: its containers share their request vectors.
      const base = buildContainerSpec(`${name}-${tasks.length}`, task, resources, images, { job: name });
      for (let i = 0; i < task.count; i++) {
        const spec: ContainerSpec = i === 0 ? base : { ...base, name: `${name}-${tasks.length}` };
        tasks.push({ at: job.submitAt + task.at, spec });
      }
    }
    // Nomad's spread targets are shares of the group's count: here, the job's tasks.
    for (const task of tasks) if (task.spec.nomad !== undefined) task.spec = { ...task.spec, groupSize: tasks.length };
    jobs.push({ name, submitAt: job.submitAt, backoffLimit: job.backoffLimit, tasks });
  }

  const containers = scenario.containers.map((c) => ({
    at: c.at,
    spec: buildContainerSpec(c.name, c, resources, images, { host: c.host }),
  }));

  return {
    resources,
    images,
    hosts,
    jobs,
    containers,
    faults: scenario.faults.length > 0 ? plannedFaults(scenario.faults) : null,
    failureModels: scenario.failures.map((entry, i) => atPath(`failures[${i}]`, () => failureModel(entry))),
    traffic: trafficSettings(scenario, policies),
  };
}

/** Request types, load sources and serving settings from the scenario; null when it has no request types. */
function trafficSettings(
  scenario: Scenario,
  policies: Readonly<Record<string, LoadBalancingPolicyFactory>>,
): TrafficSettings | null {
  if (Object.keys(scenario.requests).length === 0) return null;
  const issues: ConfigIssue[] = [];
  const services = new Map<string, ServingSettings>();
  const seen = new Set<string>();
  const allocated = allocateNodePorts(scenario.services, scenario.network.nodePortRange);
  if ('path' in allocated) issues.push({ path: formatPath(allocated.path), message: allocated.message });
  const serve = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const serving = scenario.services[name]!.serving;
    const balancing = serving?.balancing ?? SERVING_DEFAULTS.balancing;
    const policy = balancingPolicy(balancing, policies);
    if (policy === undefined) {
      issues.push({ path: `services.${name}.serving.balancing`, message: unknownPolicy(balancing, policies) });
      return;
    }
    services.set(name, {
      concurrency: serving?.concurrency ?? SERVING_DEFAULTS.concurrency,
      queue: serving?.queue ?? SERVING_DEFAULTS.queue,
      policy,
      externalTrafficPolicy: serving?.externalTrafficPolicy ?? SERVING_DEFAULTS.externalTrafficPolicy,
      weights: serving?.weights ?? [],
      ports: 'ports' in allocated ? (allocated.ports.get(name) ?? null) : null,
      holdWhenEmpty: scenario.services[name]!.autoscaling?.minReplicas === 0,
    });
  };
  for (const [name, service] of Object.entries(scenario.services)) if (service.serving !== undefined) serve(name);
  const requests = new Map<string, RequestType>();
  // A policy named by calls is made once per name (and parameters), so its state per service is shared
  // by its callers.
  const callPolicies = new Map<string, LoadBalancingPolicy<unknown>>();
  const callPolicy = (path: string, spec: BalancingSpec | undefined): LoadBalancingPolicy<unknown> | null => {
    if (spec === undefined) return null;
    const id = typeof spec === 'string' ? spec : JSON.stringify(spec);
    const made = callPolicies.get(id);
    if (made !== undefined) return made;
    const policy = balancingPolicy(spec, policies);
    if (policy === undefined) {
      issues.push({ path, message: unknownPolicy(spec, policies) });
      return null;
    }
    if (policy.sharedQueue === true) {
      // A caller's proxy picks a replica per request; a shared queue sits in front of the service itself.
      issues.push({ path, message: notACallersChoice(policy.name) });
      return null;
    }
    callPolicies.set(id, policy);
    return policy;
  };
  for (const [name, type] of Object.entries(scenario.requests)) {
    serve(type.service);
    const service = scenario.services[type.service]!;
    const concurrency = service.serving?.concurrency ?? SERVING_DEFAULTS.concurrency;
    requests.set(name, {
      name,
      service: type.service,
      serviceTime: distribution(type.serviceTime),
      calls: type.calls.map((call, i) => ({
        request: call.request,
        balancing: callPolicy(`requests.${name}.calls[${i}].balancing`, call.balancing),
      })),
      timeoutMs: type.timeout ?? Number.POSITIVE_INFINITY,
      retry:
        type.retry === undefined
          ? null
          : {
              attempts: type.retry.attempts,
              backoffMs: type.retry.backoff,
              maxBackoffMs: type.retry.maxBackoff,
              budget: type.retry.budget,
              minConcurrency: type.retry.minConcurrency,
              on: type.retry.on,
            },
      cpu: type.cpu ?? (service.template.requests.cpu ?? DEFAULT_CPU_REQUEST) / concurrency,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues, 'scenario');
  return {
    services,
    requests,
    sources: scenario.load.map((source) => ({
      name: source.name,
      request: source.request,
      arrivals: source.arrivals === undefined ? null : arrivals(source.arrivals),
      clients:
        source.clients === undefined
          ? null
          : { count: source.clients.count, thinkTime: distribution(source.clients.thinkTime) },
      via: source.via,
      connections: source.connections,
      keys: source.keys,
    })),
    propagationMs: scenario.network.propagation,
    minSyncMs: scenario.network.minSyncPeriod,
    hopMs: scenario.network.hop,
    until: scenario.horizon ?? Number.POSITIVE_INFINITY,
  };
}

/** `serving.balancing` or a call's `balancing`: a policy name, or a built-in policy with its parameters. */
export type BalancingSpec = NonNullable<Scenario['services'][string]['serving']>['balancing'];

/**
 * The policy a spec names: by name, the caller's own first, then the built-in ones (own keys only); an
 * object names a built-in policy (the schema checked it) with its parameters. Undefined for an unknown name.
 */
export function balancingPolicy(
  spec: BalancingSpec,
  policies: Readonly<Record<string, LoadBalancingPolicyFactory>>,
): LoadBalancingPolicy<unknown> | undefined {
  if (typeof spec !== 'string') return BALANCING_POLICIES[spec.policy]!.create(spec);
  if (Object.hasOwn(policies, spec)) return policies[spec]!();
  return Object.hasOwn(BALANCING_POLICIES, spec) ? BALANCING_POLICIES[spec]!.create({}) : undefined;
}

/** Says that a shared-queue policy was named by a call, where only a service's serving may name it. */
export function notACallersChoice(name: string): string {
  return `'${name}' is a queue in front of a service, not a caller's choice: set it as the service's serving.balancing`;
}

/** Says that no balancing policy is called as `spec` says, listing those that are. */
export function unknownPolicy(
  spec: BalancingSpec,
  policies: Readonly<Record<string, LoadBalancingPolicyFactory>>,
): string {
  const known = [...Object.keys(BALANCING_POLICIES), ...Object.keys(policies)].join(', ');
  const name = typeof spec === 'string' ? spec : spec.policy;
  return `unknown balancing policy '${name}'; known: ${known}`;
}

/** An arrival process from its scenario entry (load sources and workload streams). */
export function arrivals(a: NonNullable<Scenario['load'][number]['arrivals']>): ArrivalProcess {
  switch (a.process) {
    case 'poisson':
      return poissonArrivals(a.rate);
    case 'mmpp':
      return mmppArrivals({ rates: a.rates, meanDurations: a.meanDurations });
    case 'on-off':
      return onOffArrivals({ rate: a.rate, meanOn: a.meanOn, meanOff: a.meanOff });
    case 'counts':
      return countsArrivals({ counts: a.counts, binMs: a.every });
    case 'diurnal':
      return diurnalArrivals({ meanRate: a.meanRate, amplitude: a.amplitude, period: a.period, peakAt: a.peakAt });
  }
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

/** A scenario's distribution of durations (`{ dist: 'exponential', mean: ... }`, ms) as a kernel Distribution. */
export function distribution(d: Scenario['failures'][number]['mtbf']): Distribution {
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
    case 'percentiles':
      return empiricalFromPercentiles(d.points);
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
  for (const g of scenario.nodeGroups) add(g.template?.capacity);
  for (const t of scenario.provisioner?.instanceTypes ?? []) add(t.capacity);
  for (const w of scenario.streams) {
    add(w.template.requests);
    for (const size of w.sizes ?? []) add(size.requests);
  }
  // Declared but not named anywhere yet: after the others, so that declaring changes no vector's order.
  for (const name of scenario.extendedResources) if (!names.includes(name)) names.push(name);
  return names;
}
