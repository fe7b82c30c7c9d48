// A gas station: a fuel tank (a Container), pumps held with `using`, and a tanker truck that the
// station calls and that starts its trip after a delay.
import { Container, createRandom, Environment, OnlineStats, type ProcessGenerator, Resource } from '@berth/kernel';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const TANK_SIZE = 3_000; // litres
const CALL_TANKER_BELOW = 900; // litres: about half an hour of sales
const TANKER_DISPATCH = 5 * MINUTE; // before the truck leaves the depot
const TANKER_DRIVE = 25 * MINUTE;
const PUMP_RATE = 0.5; // litres per second

const env = new Environment();
const random = createRandom(7);
const arrivals = random.stream('arrivals');
const needs = random.stream('needs');
const pumps = new Resource(env, { capacity: 2, name: 'pumps' });
const tank = new Container(env, { capacity: TANK_SIZE, initial: TANK_SIZE, name: 'tank' });
const waits = new OnlineStats();
let delivered = 0;
let sold = 0;
let tankerOnItsWay = false;
let lowest = TANK_SIZE;

const clock = () => `${(env.now / MINUTE).toFixed(1).padStart(6)} min`;

// #region car
function* car(): ProcessGenerator {
  const arrived = env.now;
  const litres = needs.uniform(10, 50);
  using pump = pumps.request(); // released when the car leaves this function, whatever happens
  yield pump;
  yield tank.get(litres); // waits here if the tank cannot give that much
  waits.add(env.now - arrived);
  sold += litres;
  lowest = Math.min(lowest, tank.level);
  yield env.timeout((litres / PUMP_RATE) * SECOND);
  if (tank.level < CALL_TANKER_BELOW && !tankerOnItsWay) callTanker();
}
// #endregion

// #region tanker
function callTanker(): void {
  tankerOnItsWay = true;
  console.log(`${clock()}  tank at ${tank.level.toFixed(0)} L: tanker called`);
  // The truck is a process of its own that starts once it has been dispatched.
  env.process(tanker(), { delay: TANKER_DISPATCH, name: 'tanker' });
}

function* tanker(): ProcessGenerator {
  console.log(`${clock()}  tanker leaves the depot`);
  yield env.timeout(TANKER_DRIVE);
  const amount = TANK_SIZE - tank.level;
  const dry = tank.getQueueLength; // cars at a pump, waiting for fuel
  yield tank.put(amount);
  delivered += amount;
  tankerOnItsWay = false;
  console.log(`${clock()}  tanker delivers ${amount.toFixed(0)} L; ${dry} cars were waiting for fuel`);
}
// #endregion

function* traffic(): ProcessGenerator {
  for (;;) {
    yield env.timeout(arrivals.exponential(1 * MINUTE));
    env.process(car());
  }
}

env.process(traffic());
env.run({ until: 8 * 60 * MINUTE });

// #region report
console.log(`\nAfter 8 hours: ${waits.count} cars served, mean wait ${(waits.mean / SECOND).toFixed(0)} s`);
console.log(`  lowest level ${lowest.toFixed(0)} L, now ${tank.level.toFixed(0)} L`);
// Nothing is lost or made up: what is in the tank is what was there, plus deliveries, minus sales.
const balance = TANK_SIZE + delivered - sold - tank.level;
console.log(
  `  ${sold.toFixed(0)} L sold, ${delivered.toFixed(0)} L delivered, balance ${Math.abs(balance) < 1e-6 ? 'exact' : balance}`,
);
// #endregion
