import { formatResources, type ScenarioInput } from '@berth/cluster';
import { type ArrivalProcess, argumentError, type Distribution, type RandomSource } from '@berth/kernel';
import type { RequestModel } from './RequestModel.js';

/** One class of work in a synthetic mix: how often it arrives, how big and how long it is. */
export interface WorkloadClass {
  /** Unique within the mix; names its random streams, its jobs and containers (`<name>-<i>`). */
  readonly name: string;
  /** `service`: long-running standalone containers; `batch`: jobs of finite tasks. */
  readonly kind: 'service' | 'batch';
  readonly arrivals: ArrivalProcess;
  readonly requests: RequestModel;
  /** Run time in ms. Services run forever without one; batch classes need one. */
  readonly duration?: Distribution | undefined;
  /** Batch only: tasks per job, rounded, at least 1 (default 1). Tasks of a job share one request draw. */
  readonly tasksPerJob?: Distribution | undefined;
  readonly priority?: number | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly image?: string | undefined;
}

/** A synthetic workload: classes over a time span. */
export interface WorkloadSpec {
  /** Arrivals before this time (ms). */
  readonly horizon: number;
  readonly classes: readonly WorkloadClass[];
}

/** The scenario pieces a workload fills in. */
export interface GeneratedWorkload {
  readonly jobs: NonNullable<ScenarioInput['jobs']>;
  readonly containers: NonNullable<ScenarioInput['containers']>;
}

/**
 * Generates a service/batch mix. Each class draws from its own streams
 * (`workload/<class>/arrivals`, `/requests`, `/durations`, `/tasks`), so adding a class, or changing
 * one, leaves every other class's draws unchanged: two strategies compared on one seed see the same
 * work. Services become containers with arrival times (sorted by time, then class order); batch
 * arrivals become jobs, each task with its own duration.
 */
export function generateWorkload(spec: WorkloadSpec, random: RandomSource): GeneratedWorkload {
  if (!(spec.horizon >= 0 && Number.isFinite(spec.horizon))) {
    throw argumentError('horizon', `expected a finite time >= 0 in ms, got ${spec.horizon}`);
  }
  const seen = new Set<string>();
  const jobs: NonNullable<ScenarioInput['jobs']> = {};
  const containers: { at: number; order: number; container: NonNullable<ScenarioInput['containers']>[number] }[] = [];
  spec.classes.forEach((cls, c) => {
    const path = `classes[${c}]`;
    if (typeof cls.name !== 'string' || cls.name === '')
      throw argumentError(`${path}.name`, 'expected a non-empty name');
    if (seen.has(cls.name)) throw argumentError(`${path}.name`, `duplicate class name '${cls.name}'`);
    seen.add(cls.name);
    if (cls.kind === 'batch' && cls.duration === undefined) {
      throw argumentError(`${path}.duration`, 'a batch class needs a duration distribution');
    }
    const root = random.stream('workload').stream(cls.name);
    const arrivals = root.stream('arrivals');
    const sizes = root.stream('requests');
    const lengths = root.stream('durations');
    const counts = root.stream('tasks');
    const common = {
      ...(cls.priority === undefined ? {} : { priority: cls.priority }),
      ...(cls.labels === undefined ? {} : { labels: { ...cls.labels } }),
      ...(cls.image === undefined ? {} : { image: cls.image }),
    };
    const duration = (): number | 'forever' =>
      cls.duration === undefined ? 'forever' : Math.max(0, cls.duration.sample(lengths));
    let i = 0;
    for (const at of cls.arrivals.times(arrivals, spec.horizon)) {
      const name = `${cls.name}-${i++}`;
      // Drawn in millicores and MiB; written with units, as a scenario means them.
      const requests = formatResources(cls.requests.sample(sizes));
      if (cls.kind === 'service') {
        containers.push({ at, order: c, container: { name, at, requests, duration: duration(), ...common } });
        continue;
      }
      const n = cls.tasksPerJob === undefined ? 1 : Math.max(1, Math.round(cls.tasksPerJob.sample(counts)));
      const tasks = [];
      for (let k = 0; k < n; k++) tasks.push({ requests: { ...requests }, duration: duration(), ...common });
      jobs[name] = { submitAt: at, tasks };
    }
  });
  containers.sort((a, b) => a.at - b.at || a.order - b.order);
  return { jobs, containers: containers.map((c) => c.container) };
}
