// Quick start: a tiny bank with one teller, simulated for one virtual hour.
import { Environment, type ProcessGenerator } from '@berth/kernel';

const env = new Environment();
let served = 0;
let waited = 0;

function* customer(arrival: number, teller: { busyUntil: number }): ProcessGenerator {
  const start = Math.max(arrival, teller.busyUntil);
  teller.busyUntil = start + 90_000;
  yield env.timeout(start + 90_000 - env.now);
  served += 1;
  waited += start - arrival;
}

const teller = { busyUntil: 0 };
env.process(
  (function* () {
    for (let i = 0; i < 30; i += 1) {
      env.process(customer(env.now, teller));
      yield env.timeout(120_000);
    }
  })(),
);
env.run({ until: 3_600_000 });
console.log(`Served ${served} customers in one simulated hour; mean wait ${(waited / served / 1000).toFixed(1)} s.`);
