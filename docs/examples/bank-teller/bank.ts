// Lesson 1's model: a bank whose tellers serve customers who arrive at random, one process per customer.
// docs/examples/bank-teller.ts runs it, as do the lesson's exercise and its plot.
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
export const MINUTE = 60_000; // the kernel's clock counts milliseconds
export const HOUR = 60 * MINUTE;
export const MEAN_BETWEEN_ARRIVALS = 1 * MINUTE; // λ = 1 customer per minute
export const MEAN_SERVICE = 0.75 * MINUTE; //       μ = 1/0.75 = 1.33 customers per minute
// #endregion

// #region bank
/** Everything one simulated bank needs: its clock, its teller, its random streams and its statistics. */
export interface Bank {
  readonly env: Environment;
  readonly teller: Resource;
  readonly arrivals: RandomStream;
  readonly service: RandomStream;
  readonly meanService: number; // ms
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
  yield env.timeout(bank.service.exponential(bank.meanService)); // being served
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
export function simulate(seed: number, hours: number, tellers = 1, meanService = MEAN_SERVICE): Bank {
  const env = new Environment();
  const random = createRandom(seed);
  const bank: Bank = {
    env,
    teller: new Resource(env, { capacity: tellers, name: 'teller' }),
    arrivals: random.stream('arrivals'),
    service: random.stream('service'),
    meanService,
    timeInSystem: new OnlineStats(),
    timeHistogram: new LatencyHistogram({ highest: HOUR }),
    inBank: new TimeWeighted(env),
  };
  env.process(door(bank));
  env.run({ until: hours * HOUR });
  return bank;
}
// #endregion
