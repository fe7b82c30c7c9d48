import { createRandom, Environment, type RandomStream } from '@berth/kernel';

/** A job submission to expand into tasks: a job_events SUBMIT row's time (µs) and job id. */
export interface JobSubmission {
  readonly time: number;
  readonly jobId: string;
}

/** A machine shape, normalised to the largest machine (1.0) as the 2011 trace writes them, with its share. */
export interface MachineShape {
  readonly cpus: number;
  readonly memory: number;
  readonly weight: number;
}

/**
 * Options of {@link syntheticGoogleTaskEvents} and {@link syntheticGoogleMachineEvents}. Every default
 * is a choice for tests and benchmarks, not a figure of the trace: the rows have the trace's schema,
 * not its statistics.
 */
export interface SyntheticGoogleOptions {
  readonly seed?: number | string | undefined;
  /** Machines 1..machines (default 100). */
  readonly machines?: number | undefined;
  /** Tasks per job, uniform from 1 to this (default 5). */
  readonly maxTasksPerJob?: number | undefined;
  /** Mean run time of a task, µs (default 10 min), lognormal with `runCv` (default 1.5). */
  readonly meanRunMicros?: number | undefined;
  readonly runCv?: number | undefined;
  /** How tasks end, by weight (default FINISH 70, KILL 15, FAIL 10, EVICT 5); an evicted task is resubmitted 1 s later. */
  readonly ends?: Readonly<Partial<Record<'FINISH' | 'KILL' | 'FAIL' | 'EVICT', number>>> | undefined;
  /** Machine shapes (default three: 0.5/0.5 ×8, 0.25/0.25 ×1, 1/1 ×1). */
  readonly shapes?: readonly MachineShape[] | undefined;
}

const END_CODES = { EVICT: 2, FAIL: 3, FINISH: 4, KILL: 5 } as const;
const DEFAULT_ENDS = { FINISH: 70, KILL: 15, FAIL: 10, EVICT: 5 };
const DEFAULT_SHAPES: readonly MachineShape[] = [
  { cpus: 0.5, memory: 0.5, weight: 8 },
  { cpus: 0.25, memory: 0.25, weight: 1 },
  { cpus: 1, memory: 1, weight: 1 },
];
const CPU_SIZES = [0.00625, 0.0125, 0.025, 0.0625];
const MEMORY_SIZES = [0.0039, 0.0078, 0.0155, 0.031];

/** One row of machine_events per machine, all ADDs at time 0, machine `i` of a shape drawn by weight. */
export function* syntheticGoogleMachineEvents(
  options: SyntheticGoogleOptions = {},
): Generator<string, void, undefined> {
  const rng = createRandom(options.seed ?? 1).stream('machines');
  const shapes = options.shapes ?? DEFAULT_SHAPES;
  const total = shapes.reduce((sum, s) => sum + s.weight, 0);
  for (let id = 1; id <= (options.machines ?? 100); id++) {
    let u = rng.next() * total;
    let shape = shapes[0]!;
    for (const s of shapes) {
      shape = s;
      u -= s.weight;
      if (u < 0) break;
    }
    yield `0,${id},0,platform${shapes.indexOf(shape)},${shape.cpus},${shape.memory}\n`;
  }
}

/**
 * task_events rows (the trace's 13 columns, in time order, one line each) for the jobs given: each job
 * gets 1..maxTasksPerJob tasks, each SUBMITted at the job's time, SCHEDULEd on a random machine after
 * an exponential delay (mean 1 s), and ended after a lognormal run by FINISH, KILL, FAIL or EVICT (an
 * evicted task is SUBMITted again 1 s later and runs anew). Lazy: it holds the open tasks, never the
 * rows, so it can feed a replay as long as the jobs last. Keyed to a real job_events file, the job ids
 * and submission times are the trace's; everything else is synthetic.
 */
export async function* syntheticGoogleTaskEvents(
  jobs: Iterable<JobSubmission> | AsyncIterable<JobSubmission>,
  options: SyntheticGoogleOptions = {},
): AsyncGenerator<string, void, undefined> {
  const rng = createRandom(options.seed ?? 1).stream('tasks');
  const machines = options.machines ?? 100;
  const maxTasks = options.maxTasksPerJob ?? 5;
  const meanRun = options.meanRunMicros ?? 600_000_000;
  const cv = options.runCv ?? 1.5;
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(meanRun) - (sigma * sigma) / 2;
  const ends = Object.entries({ ...DEFAULT_ENDS, ...(options.ends ?? {}) }) as Array<[keyof typeof END_CODES, number]>;
  const endTotal = ends.reduce((sum, [, w]) => sum + w, 0);
  // The kernel's agenda orders the rows: by time, then in the order they were made.
  const env = new Environment();
  const out: string[] = [];
  const row = (job: string, task: number, machine: string, type: number, fields: string) =>
    out.push(`${Math.round(env.now)},,${job},${task},${machine},${type},user,${fields}\n`);
  const start = (job: string, task: number, fields: string, r: RandomStream) => {
    row(job, task, '', 0, fields);
    env.schedule(r.exponential(1_000_000), () => {
      const machine = String(r.integer(1, machines + 1));
      row(job, task, machine, 1, fields);
      env.schedule(r.lognormal(mu, sigma), () => {
        let u = r.next() * endTotal;
        let end: keyof typeof END_CODES = 'FINISH';
        for (const [name, w] of ends) {
          end = name;
          u -= w;
          if (u < 0) break;
        }
        row(job, task, machine, END_CODES[end], fields);
        if (end === 'EVICT') env.schedule(1_000_000, () => start(job, task, fields, r));
      });
    });
  };
  for await (const job of jobs) {
    if (job.time > env.now) env.run({ until: job.time });
    yield* flush(out);
    const tasks = rng.integer(1, maxTasks + 1);
    for (let t = 0; t < tasks; t++) {
      const fields = `${rng.integer(0, 4)},${rng.integer(0, 12)},${CPU_SIZES[rng.integer(0, CPU_SIZES.length)]},${MEMORY_SIZES[rng.integer(0, MEMORY_SIZES.length)]},0.0001,0`;
      start(job.jobId, t, fields, rng);
    }
    yield* flush(out);
  }
  env.run();
  yield* flush(out);
}

function* flush(out: string[]): Generator<string, void, undefined> {
  for (const line of out) yield line;
  out.length = 0;
}
