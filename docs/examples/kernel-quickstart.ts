// @berth/kernel on its own: two processes share one resource on a virtual clock, with seeded random delays.
import { createRandom, Environment, type ProcessGenerator, Resource } from '@berth/kernel';

const env = new Environment(); // the clock counts milliseconds of simulated time
const pump = new Resource(env, { capacity: 1, name: 'pump' });
const refuelling = createRandom(7).stream('refuelling');

function* car(name: string, arrivesAt: number): ProcessGenerator {
  yield env.timeout(arrivesAt);
  console.log(`${(env.now / 1000).toFixed(1).padStart(6)} s  ${name} arrives`);
  const turn = pump.request();
  yield turn; // wait until the pump is free
  console.log(`${(env.now / 1000).toFixed(1).padStart(6)} s  ${name} starts refuelling`);
  yield env.timeout(refuelling.exponential(120_000)); // about two minutes on average
  pump.release(turn);
  console.log(`${(env.now / 1000).toFixed(1).padStart(6)} s  ${name} leaves`);
}

env.process(car('red car', 0));
env.process(car('blue car', 10_000));
env.run();
console.log(`Both served after ${(env.now / 60_000).toFixed(1)} simulated minutes.`);
