// Lesson 6's machine shop: docs/examples/machine-shop.ts runs it, as do the lesson's exercise and its plot.
import {
  createRandom,
  Environment,
  Interrupt,
  Preempted,
  PreemptiveResource,
  type Process,
  type ProcessGenerator,
  type RandomStream,
  type SimEvent,
} from '@berth/kernel';

// #region parameters
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const MACHINES = 5;
export const MEAN_TIME_TO_FAILURE = 10 * HOUR; // while a machine runs: λ = 0.1 failures per hour
export const MEAN_REPAIR = 1 * HOUR; //                   μ = 1 repair per hour
export const PART_TIME = 12 * MINUTE; //                  one part takes 12 minutes of machine time
export const ODD_JOB = 30 * MINUTE; //                    the repairman's own work comes in half-hour jobs
// #endregion

/** One simulated shop: its clock, its repairman, its random streams and what it has measured. */
export interface Shop {
  readonly env: Environment;
  readonly repairman: PreemptiveResource;
  readonly failures: RandomStream;
  readonly repairs: RandomStream;
  readonly trace: boolean;
  readonly meanTimeToFailure: number;
  readonly preempt: boolean; // whether a breakdown takes the repairman away from his own work
  downtime: number; // machine-milliseconds spent broken, waiting for or under repair
  repairing: number; // milliseconds the repairman spent on repairs
  parts: number;
  oddJobs: number;
  oddJobsPreempted: number;
}

function log(shop: Shop, text: string): void {
  if (shop.trace) console.log(`${(shop.env.now / HOUR).toFixed(2).padStart(6)} h  ${text}`);
}

// #region machine
/** A machine of the shop; `repaired` is the event its breakdown process waits on while it is down. */
interface Machine {
  readonly name: string;
  repaired: SimEvent<void> | null;
}

/** A machine makes parts one after another; a breakdown interrupts it in the middle of a part. */
function* work(shop: Shop, machine: Machine): ProcessGenerator {
  const { env } = shop;
  for (;;) {
    let left = PART_TIME;
    while (left > 0) {
      const started = env.now;
      try {
        yield env.timeout(left);
        left = 0;
      } catch (error) {
        if (!(error instanceof Interrupt)) throw error;
        left -= env.now - started; // the part waits, half made, until the machine is repaired
        yield* repair(shop, machine);
      }
    }
    shop.parts += 1;
  }
}

/** Calls the repairman, who comes once no earlier breakdown needs him, leaving his own work if he must. */
function* repair(shop: Shop, machine: Machine): ProcessGenerator {
  const { env, repairman } = shop;
  const broke = env.now;
  log(shop, `${machine.name} breaks down`);
  {
    using call = repairman.request({ priority: 1, preempt: shop.preempt });
    yield call;
    const duration = shop.repairs.exponential(MEAN_REPAIR);
    yield env.timeout(duration);
    shop.repairing += duration;
  } // leaving the block releases the repairman
  shop.downtime += env.now - broke;
  log(shop, `${machine.name} runs again after ${((env.now - broke) / MINUTE).toFixed(0)} min`);
  machine.repaired?.succeed();
}
// #endregion

// #region breakdowns
/** Breaks a machine after an exponential running time: the clock only runs while the machine does. */
function* breakdowns(shop: Shop, machine: Machine, worker: Process<void>): ProcessGenerator {
  const { env } = shop;
  for (;;) {
    yield env.timeout(shop.failures.exponential(shop.meanTimeToFailure));
    machine.repaired = env.event();
    worker.interrupt('breakdown');
    yield machine.repaired;
  }
}
// #endregion

// #region oddJobs
/** The repairman's own work, done whenever no machine needs him; a breakdown takes him away mid-job. */
function* oddJobs(shop: Shop): ProcessGenerator {
  const { env, repairman } = shop;
  for (;;) {
    let left = ODD_JOB;
    while (left > 0) {
      using slot = repairman.request({ priority: 2 });
      yield slot;
      const started = env.now;
      try {
        yield env.timeout(left);
        left = 0;
      } catch (error) {
        if (!(error instanceof Interrupt) || !(error.cause instanceof Preempted)) throw error;
        left -= env.now - started;
        shop.oddJobsPreempted += 1;
        log(shop, `repairman leaves his job for ${error.cause.by?.label} (${(left / MINUTE).toFixed(0)} min left)`);
      }
    }
    shop.oddJobs += 1;
  }
}
// #endregion

// #region simulate
/** Variations of the shop, for the exercises: more repairmen, no preemption, another failure rate. */
export interface ShopOptions {
  readonly repairmen?: number;
  readonly preempt?: boolean;
  readonly meanTimeToFailure?: number;
}

export function simulate(seed: number, hours: number, trace: boolean, options: ShopOptions = {}): Shop {
  const env = new Environment();
  const random = createRandom(seed);
  const shop: Shop = {
    env,
    repairman: new PreemptiveResource(env, { capacity: options.repairmen ?? 1, name: 'repairman' }),
    failures: random.stream('failures'),
    repairs: random.stream('repairs'),
    trace,
    meanTimeToFailure: options.meanTimeToFailure ?? MEAN_TIME_TO_FAILURE,
    preempt: options.preempt ?? true,
    downtime: 0,
    repairing: 0,
    parts: 0,
    oddJobs: 0,
    oddJobsPreempted: 0,
  };
  for (let i = 1; i <= MACHINES; i += 1) {
    const machine: Machine = { name: `machine ${i}`, repaired: null };
    const worker = env.process(work(shop, machine), { name: machine.name });
    env.process(breakdowns(shop, machine, worker));
  }
  env.process(oddJobs(shop), { name: 'odd jobs' });
  env.run({ until: hours * HOUR });
  return shop;
}
// #endregion

// #region closedForm
/**
 * The machine-repair model with c repairers (M/M/c//N): with ρ = λ/μ, the chance of n machines down is
 * proportional to N!/(N−n)! ρ^n / n! for n ≤ c, and to N!/(N−n)! ρ^n / (c! c^(n−c)) beyond. Returns the
 * mean number of machines down and the fraction of the repairers' time spent repairing.
 */
export function machineRepair(machines: number, rho: number, repairers: number): { down: number; busy: number } {
  let weight = 1; // unnormalised chance of n machines down
  let total = 0;
  let down = 0;
  let busy = 0;
  for (let n = 0; n <= machines; n += 1) {
    total += weight;
    down += n * weight;
    busy += Math.min(n, repairers) * weight;
    weight *= ((machines - n) * rho) / Math.min(n + 1, repairers);
  }
  return { down: down / total, busy: busy / total / repairers };
}
// #endregion
