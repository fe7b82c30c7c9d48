// Lesson 1: a bank with one teller, simulated as an M/M/1 queue and checked against queueing theory.
import {
  createRandom,
  Environment,
  LatencyHistogram,
  OnlineStats,
  type ProcessGenerator,
  type RandomStream,
  Resource,
  TimeWeighted,
} from '@berth/kernel';

// #region parameters
const MINUTE = 60_000; // the kernel's clock counts milliseconds
const HOUR = 60 * MINUTE;
const MEAN_BETWEEN_ARRIVALS = 1 * MINUTE; // λ = 1 customer per minute
const MEAN_SERVICE = 0.75 * MINUTE; //       μ = 1/0.75 = 1.33 customers per minute
// #endregion

// #region bank
/** Everything one simulated bank needs: its clock, its teller, its random streams and its statistics. */
interface Bank {
  readonly env: Environment;
  readonly teller: Resource;
  readonly arrivals: RandomStream;
  readonly service: RandomStream;
  readonly timeInSystem: OnlineStats; // one observation per customer who left, in ms
  readonly timeHistogram: LatencyHistogram; // the same observations, for percentiles
  readonly inBank: TimeWeighted; // how many customers are inside, over time
}
// #endregion

// #region customer
function* customer(bank: Bank): ProcessGenerator {
  const { env, teller } = bank;
  const arrived = env.now;
  bank.inBank.add(1);
  const request = teller.request();
  yield request; // wait in line until the teller is free
  yield env.timeout(bank.service.exponential(MEAN_SERVICE)); // being served
  teller.release(request); // the next customer in line, if any, is served now
  bank.inBank.add(-1);
  bank.timeInSystem.add(env.now - arrived);
  bank.timeHistogram.record(env.now - arrived);
}
// #endregion

// #region door
function* door(bank: Bank): ProcessGenerator {
  for (;;) {
    yield bank.env.timeout(bank.arrivals.exponential(MEAN_BETWEEN_ARRIVALS));
    bank.env.process(customer(bank));
  }
}
// #endregion

// #region simulate
function simulate(seed: number, hours: number): Bank {
  const env = new Environment();
  const random = createRandom(seed);
  const bank: Bank = {
    env,
    teller: new Resource(env, { capacity: 1, name: 'teller' }),
    arrivals: random.stream('arrivals'),
    service: random.stream('service'),
    timeInSystem: new OnlineStats(),
    timeHistogram: new LatencyHistogram({ highest: HOUR }),
    inBank: new TimeWeighted(env),
  };
  env.process(door(bank));
  env.run({ until: hours * HOUR });
  return bank;
}
// #endregion

// #region report
const lambda = 1 / MEAN_BETWEEN_ARRIVALS; // arrivals per ms
const mu = 1 / MEAN_SERVICE; // services per ms
const W = 1 / (mu - lambda); // M/M/1 mean time in system, ms

const minutes = (ms: number) => (ms / MINUTE).toFixed(2);
const row = (what: string, simulated: string, theory: string) =>
  console.log(`  ${what.padEnd(30)}${simulated.padStart(9)}${theory.padStart(9)}`);

const day = simulate(1, 8);
const times = day.timeInSystem;
console.log(`One 8-hour day, seed 1: ${times.count} customers served`);
row('', 'measured', 'theory');
row('mean time in bank (min)', minutes(times.mean), minutes(W));
row('standard deviation (min)', minutes(times.stddev), minutes(W));
row('median time in bank (min)', minutes(day.timeHistogram.percentile(50)), minutes(W * Math.LN2));
row('90th percentile (min)', minutes(day.timeHistogram.percentile(90)), minutes(W * Math.LN10));
row('customers inside, on average', day.inBank.mean().toFixed(2), (lambda * W).toFixed(2));
// #endregion

// #region longer
console.log('\nLonger runs, five seeds each: mean time in bank, in minutes');
for (const hours of [8, 80, 800]) {
  const means = [1, 2, 3, 4, 5].map((seed) => simulate(seed, hours).timeInSystem.mean);
  const worst = Math.max(...means.map((m) => Math.abs(m - W) / W));
  console.log(
    `  ${String(hours).padStart(5)} h: ${means.map(minutes).join('  ')}   worst error ${(100 * worst).toFixed(1)}%`,
  );
}
// #endregion
