import { formatResources, type ScenarioInput } from '@berth/cluster';
import { argumentError, ConfigError, createRandom, type RandomStream } from '@berth/kernel';
import { groupHosts } from './groupHosts.js';
import type { ConverterSink, RecordConverter } from './RecordConverter.js';
import type { TraceHost, TraceTask } from './TraceItem.js';
import { TRACE_CONVERTERS, type TraceRecord } from './TraceRecord.js';
import { DEFAULT_TRACE_UNITS, type TraceUnits } from './TraceUnits.js';

/** Records to convert: a trace reader, any (async) iterable of records, or several of them read in turn. */
export type TraceInput = AsyncIterable<TraceRecord> | Iterable<TraceRecord>;

/** A per-resource factor (`{ cpu: 0.5 }`; unlisted resources keep 1), or one factor for all. */
export type ResourceScale = number | Readonly<Record<string, number>>;

/** How a trace becomes a scenario. Times are in ms of trace time unless said otherwise. */
export interface TraceToScenarioOptions {
  /** Host groups to use instead of the trace's own hosts; needed when the trace has none (Google, v2018 batch). */
  readonly hosts?: ScenarioInput['hosts'] | undefined;
  /** The rest of the scenario: name, seed, scheduler, horizon, images, services. */
  readonly base?: Omit<ScenarioInput, 'hosts' | 'jobs' | 'containers'> | undefined;
  /** Unit assumptions for the trace; see TraceUnits for each default. */
  readonly units?: Partial<TraceUnits> | undefined;
  /**
   * Keep each job (with all its tasks) or standalone container with probability `fraction`, drawn
   * from the stream `trace-sample` of `seed` (default 1): the same seed keeps the same work.
   */
  readonly sample?: { readonly fraction: number; readonly seed?: number | string | undefined } | undefined;
  /** Keep work arriving at or after this trace time. */
  readonly from?: number | undefined;
  /** Keep work arriving before this trace time. */
  readonly until?: number | undefined;
  /**
   * Added to every arrival before compression: a number of ms, or `first-arrival` to move the first
   * kept arrival to 0. Default `-from` (0 without a window), so the window starts at time 0.
   */
  readonly timeShift?: number | 'first-arrival' | undefined;
  /** Arrival times and durations are divided by this (60: an hour of trace in a simulated minute). Default 1. */
  readonly timeCompression?: number | undefined;
  /** Multiplies every request (after unit conversion; then rounded to whole millicores, MiB, GPUs). */
  readonly scaleRequests?: ResourceScale | undefined;
  /** Multiplies every trace host's capacity (not `hosts` given here). */
  readonly scaleCapacity?: ResourceScale | undefined;
  /**
   * At most this many containers (each instance of a task counts), the first ones in trace order;
   * once reached, the rest of each workload source is not read.
   */
  readonly limit?: number | undefined;
}

/** What a conversion kept and left out. */
export interface ConversionReport {
  /** Records read from all sources. */
  readonly records: number;
  /** Hosts in the scenario, and in how many groups. */
  readonly hosts: number;
  readonly hostGroups: number;
  readonly jobs: number;
  /** Containers of jobs (counting every instance). */
  readonly tasks: number;
  /** Standalone containers. */
  readonly containers: number;
  /** Work and records left out, by reason. */
  readonly skipped: Readonly<Record<string, number>>;
  /** True when `limit` cut the workload short. */
  readonly truncated: boolean;
}

/** A converted trace: the scenario and the report of what went into it. */
export interface TraceConversion {
  readonly scenario: ScenarioInput;
  readonly report: ConversionReport;
}

type JobsInput = NonNullable<ScenarioInput['jobs']>;
type ContainersInput = NonNullable<ScenarioInput['containers']>;
type TemplateInput = Omit<ContainersInput[number], 'name' | 'at' | 'host'>;

/**
 * Turns trace records into a scenario for createSimulation: hosts from the trace (grouped by shape)
 * or from `options.hosts`; tasks with a job become `jobs` (submitted at the job's first task, each
 * task at its offset); the others become `containers` with their arrival time. Records are streamed,
 * so a large trace is never held whole; the scenario itself is built in memory, so use `limit`,
 * `sample` or a time window on a very large trace. See {@link convertTrace} for the report too.
 */
export async function traceToScenario(
  records: TraceInput | readonly TraceInput[],
  options?: TraceToScenarioOptions,
): Promise<ScenarioInput> {
  return (await convertTrace(records, options)).scenario;
}

/** {@link traceToScenario}, also returning what was kept and left out. */
export async function convertTrace(
  records: TraceInput | readonly TraceInput[],
  options: TraceToScenarioOptions = {},
): Promise<TraceConversion> {
  const from = checkTime('from', options.from ?? Number.NEGATIVE_INFINITY);
  const until = checkTime('until', options.until ?? Number.POSITIVE_INFINITY);
  if (!(from < until)) throw argumentError('until', `expected a time after from (${from}), got ${until}`);
  const compression = options.timeCompression ?? 1;
  if (!(compression > 0 && Number.isFinite(compression))) {
    throw argumentError('timeCompression', `expected a positive finite factor, got ${compression}`);
  }
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (!(limit >= 0 && (Number.isInteger(limit) || limit === Number.POSITIVE_INFINITY))) {
    throw argumentError('limit', `expected an integer >= 0, got ${limit}`);
  }
  const sampler = createSampler(options.sample);
  const requestScale = checkScale('scaleRequests', options.scaleRequests);
  const capacityScale = checkScale('scaleCapacity', options.scaleCapacity);
  const units: TraceUnits = { ...DEFAULT_TRACE_UNITS, ...options.units };

  const hosts: TraceHost[] = [];
  const tasks: TraceTask[] = [];
  const skipped: Record<string, number> = {};
  let kept = 0;
  let truncated = false;
  let recordCount = 0;
  const skip = (reason: string, n = 1) => {
    skipped[reason] = (skipped[reason] ?? 0) + n;
  };
  const sink: ConverterSink = {
    skip,
    emit(item) {
      if (item.type === 'host') {
        hosts.push(item);
        return;
      }
      if (!(item.at >= from && item.at < until)) return skip('outside the time window', item.count);
      if (sampler !== null && !sampler(item.job)) return skip('not sampled', item.count);
      if (kept >= limit) {
        truncated = true;
        return;
      }
      const count = Math.min(item.count, limit - kept);
      kept += count;
      tasks.push(count === item.count ? item : { ...item, count });
    },
  };

  const converters = new Map<string, RecordConverter<TraceRecord>>();
  for (const source of sourcesOf(records)) {
    for await (const record of source) {
      recordCount++;
      let converter = converters.get(record.kind);
      if (converter === undefined) {
        const factory = TRACE_CONVERTERS[record.kind] as
          | ((units: TraceUnits) => RecordConverter<TraceRecord>)
          | undefined;
        if (factory === undefined) throw argumentError('records', `unknown trace record kind '${String(record.kind)}'`);
        converter = factory(units);
        converters.set(record.kind, converter);
      }
      converter.accept(record, sink);
      if (truncated && converter.produces === 'tasks') break;
    }
  }
  for (const converter of converters.values()) converter.finish(sink);

  let shift = -(Number.isFinite(from) ? from : 0);
  if (options.timeShift === 'first-arrival') {
    let first = Number.POSITIVE_INFINITY;
    for (const task of tasks) first = Math.min(first, task.at);
    shift = tasks.length === 0 ? 0 : -first;
  } else if (options.timeShift !== undefined) shift = checkTime('timeShift', options.timeShift);

  const jobs = new Map<string, { submitAt: number; tasks: { at: number; task: TraceTask }[] }>();
  const standalone: { at: number; task: TraceTask }[] = [];
  for (const task of tasks) {
    const at = (task.at + shift) / compression;
    if (at < 0) {
      skip('before time 0 after the time shift', task.count);
      continue;
    }
    if (task.job === undefined) {
      standalone.push({ at, task });
      continue;
    }
    const job = jobs.get(task.job);
    if (job === undefined) jobs.set(task.job, { submitAt: at, tasks: [{ at, task }] });
    else {
      job.submitAt = Math.min(job.submitAt, at);
      job.tasks.push({ at, task });
    }
  }

  const template = (task: TraceTask): TemplateInput => {
    const out: TemplateInput = {
      requests: formatResources(scaled(task.requests, requestScale)),
      duration: task.duration === Number.POSITIVE_INFINITY ? 'forever' : task.duration / compression,
    };
    if (task.priority !== undefined) out.priority = task.priority;
    if (task.gpu !== undefined) {
      const { milli, count, models } = task.gpu;
      out.gpu = {
        ...(milli === undefined ? {} : { milli }),
        ...(count === undefined ? {} : { count }),
        ...(models === undefined ? {} : { models: [...models] }),
      };
    }
    if (task.labels !== undefined) out.labels = { ...task.labels };
    if (task.requiredLabels !== undefined) {
      out.affinity = {
        required: Object.entries(task.requiredLabels).map(([key, values]) => ({
          key,
          operator: 'In' as const,
          values: [...values],
        })),
      };
    }
    return out;
  };

  const jobsInput: JobsInput = {};
  let taskCount = 0;
  const orderedJobs = [...jobs].sort((a, b) => a[1].submitAt - b[1].submitAt);
  for (const [name, job] of orderedJobs) {
    job.tasks.sort((a, b) => a.at - b.at);
    jobsInput[name] = {
      submitAt: job.submitAt,
      tasks: job.tasks.map(({ at, task }) => {
        taskCount += task.count;
        return { ...template(task), count: task.count, at: at - job.submitAt };
      }),
    };
  }
  standalone.sort((a, b) => a.at - b.at);
  const names = new Set<string>();
  const containers: ContainersInput = [];
  for (const { at, task } of standalone) {
    for (let k = 0; k < task.count; k++) {
      const wanted = task.count === 1 ? task.name : `${task.name}-${k}`;
      let name = wanted;
      for (let n = 2; names.has(name); n++) name = `${wanted}-${n}`;
      names.add(name);
      containers.push({ name, at, ...template(task) });
    }
  }

  const hostGroups =
    options.hosts ?? groupHosts(hosts.map((h) => ({ ...h, capacity: scaled(h.capacity, capacityScale) })));
  if (hostGroups.length === 0) {
    throw new ConfigError(
      [{ path: 'hosts', message: 'the trace has no hosts: pass options.hosts (for example from generateFleet)' }],
      'trace conversion',
    );
  }
  const scenario: ScenarioInput = {
    ...options.base,
    hosts: hostGroups,
    jobs: jobsInput,
    containers,
  };
  return {
    scenario,
    report: {
      records: recordCount,
      hosts: hostGroups.reduce((n, g) => n + (g.count ?? 1), 0),
      hostGroups: hostGroups.length,
      jobs: jobs.size,
      tasks: taskCount,
      containers: containers.length,
      skipped,
      truncated,
    },
  };
}

function sourcesOf(records: TraceInput | readonly TraceInput[]): readonly TraceInput[] {
  if (Array.isArray(records) && records.every((r) => !isRecord(r))) return records as readonly TraceInput[];
  return [records as TraceInput];
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** Decides per job (once, remembered) or per standalone container (job undefined: a fresh draw each). */
function createSampler(sample: TraceToScenarioOptions['sample']): ((job: string | undefined) => boolean) | null {
  if (sample === undefined) return null;
  const { fraction } = sample;
  if (!(fraction > 0 && fraction <= 1))
    throw argumentError('sample.fraction', `expected a number in (0, 1], got ${fraction}`);
  if (fraction === 1) return null;
  const stream: RandomStream = createRandom(sample.seed ?? 1).stream('trace-sample');
  const decided = new Map<string, boolean>();
  return (job) => {
    if (job === undefined) return stream.next() < fraction;
    let keep = decided.get(job);
    if (keep === undefined) {
      keep = stream.next() < fraction;
      decided.set(job, keep);
    }
    return keep;
  };
}

function checkTime(name: string, value: number): number {
  if (Number.isNaN(value) || typeof value !== 'number')
    throw argumentError(name, `expected a time in ms, got ${value}`);
  return value;
}

function checkScale(name: string, scale: ResourceScale | undefined): (resource: string) => number {
  if (scale === undefined) return () => 1;
  const check = (path: string, f: number) => {
    if (!(f >= 0 && Number.isFinite(f))) throw argumentError(path, `expected a finite factor >= 0, got ${f}`);
    return f;
  };
  if (typeof scale === 'number') {
    const f = check(name, scale);
    return () => f;
  }
  const factors = new Map(Object.entries(scale).map(([k, f]) => [k, check(`${name}.${k}`, f)]));
  return (resource) => factors.get(resource) ?? 1;
}

/** Scaled and rounded to whole units: millicores, MiB, GPUs. */
function scaled(
  record: Readonly<Record<string, number>>,
  factor: (resource: string) => number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, amount] of Object.entries(record)) out[name] = Math.round(amount * factor(name));
  return out;
}
