import {
  constant,
  type Distribution,
  exponentialDist,
  lognormalFromMeanCv,
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
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import { buildContainerSpec, type ImageCatalog } from './buildContainerSpec.js';

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
}

/**
 * Turns a parsed scenario into hosts, container specs, job plans and failure models. Pure data: it
 * schedules nothing, draws no random number and emits no event; the simulation wires the result.
 */
export function instantiateScenario(scenario: Scenario): ScenarioInstance {
  const resources = new ResourceCatalog(collectResourceNames(scenario));
  const images: ImageCatalog = new Map(Object.entries(scenario.images));

  const hosts: Host[] = [];
  for (const group of scenario.hosts) {
    const capacity = resources.fromRecord(group.capacity);
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
    failureModels: scenario.failures.map(failureModel),
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
