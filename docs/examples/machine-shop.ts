// Lesson 6: a machine shop whose repairman drops his own work when a machine breaks, checked against
// the machine-repair model of queueing theory.
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
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MACHINES = 5;
const MEAN_TIME_TO_FAILURE = 10 * HOUR; // while a machine runs: λ = 0.1 failures per hour
const MEAN_REPAIR = 1 * HOUR; //            μ = 1 repair per hour
const PART_TIME = 12 * MINUTE; //           one part takes 12 minutes of machine time
const ODD_JOB = 30 * MINUTE; //             the repairman's own work comes in half-hour jobs
// #endregion

/** One simulated shop: its clock, its repairman, its random streams and what it has measured. */
interface Shop {
  readonly env: Environment;
  readonly repairman: PreemptiveResource;
  readonly failures: RandomStream;
  readonly repairs: RandomStream;
  readonly trace: boolean;
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
    using call = repairman.request({ priority: 1 });
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
    yield env.timeout(shop.failures.exponential(MEAN_TIME_TO_FAILURE));
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
function simulate(seed: number, hours: number, trace: boolean): Shop {
  const env = new Environment();
  const random = createRandom(seed);
  const shop: Shop = {
    env,
    repairman: new PreemptiveResource(env, { capacity: 1, name: 'repairman' }),
    failures: random.stream('failures'),
    repairs: random.stream('repairs'),
    trace,
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

// #region theory
// The machine-repair model (M/M/1//N): N machines, each failing at rate λ while it runs, one repairer
// at rate μ. With ρ = λ/μ, the repairer is idle with probability p0 = 1 / Σ N!/(N−n)! ρ^n, and the
// mean number of machines down is L = N − (1 − p0)/ρ.
const rho = MEAN_REPAIR / MEAN_TIME_TO_FAILURE;
let sum = 0;
let term = 1;
for (let n = 0; n <= MACHINES; n += 1) {
  sum += term;
  term *= (MACHINES - n) * rho;
}
const p0 = 1 / sum;
const down = MACHINES - (1 - p0) / rho;
// #endregion

// #region report
console.log('The first twelve hours, seed 1:');
simulate(1, 12, true);

const HOURS = 5 * 365 * 24;
const shop = simulate(1, HOURS, false);
const total = HOURS * HOUR;
const row = (what: string, measured: number, theory: number) =>
  console.log(`  ${what.padEnd(40)}${measured.toFixed(3).padStart(9)}${theory.toFixed(3).padStart(9)}`);
const count = (n: number) => n.toLocaleString('en-US');
console.log(
  `\nFive years, seed 1: ${count(shop.parts)} parts, ${count(shop.oddJobs)} odd jobs (interrupted ${count(shop.oddJobsPreempted)} times)`,
);
console.log(`  ${''.padEnd(40)}${'measured'.padStart(9)}${'theory'.padStart(9)}`);
row('machines down, on average', shop.downtime / total, down);
row('fraction of time a machine runs', 1 - shop.downtime / total / MACHINES, 1 - down / MACHINES);
row('fraction of time repairing', shop.repairing / total, 1 - p0);
row('odd jobs per hour', shop.oddJobs / HOURS, p0 / (ODD_JOB / HOUR));
// #endregion
