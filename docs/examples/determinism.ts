// Determinism: named random streams, and the same seed giving the same trace.
import { createRandom, Environment, type ProcessGenerator, type RandomStream } from '@berth/kernel';

function draws(stream: RandomStream, count: number): string {
  const values: string[] = [];
  for (let i = 0; i < count; i += 1) values.push((stream.exponential(60_000) / 1000).toFixed(1));
  return values.join(' ');
}

// #region streams
// A model that only has arrivals.
const before = createRandom(42);
const arrivals1 = before.stream('arrivals');
console.log('arrivals alone:         ', draws(arrivals1, 5));

// The same model after someone adds random failures: a new consumer, on its own stream.
const after = createRandom(42);
const arrivals2 = after.stream('arrivals');
const failures = after.stream('failures');
const interleaved: string[] = [];
for (let i = 0; i < 5; i += 1) {
  interleaved.push((arrivals2.exponential(60_000) / 1000).toFixed(1));
  failures.bernoulli(0.1); // draws in between, from another stream
}
console.log('arrivals with failures: ', interleaved.join(' '));
// #endregion

// #region shared
// The same change with ONE stream for everything: each failure draw shifts every arrival after it.
const shared = createRandom(42).stream('arrivals');
const shifted: string[] = [];
for (let i = 0; i < 5; i += 1) {
  shifted.push((shared.exponential(60_000) / 1000).toFixed(1));
  shared.bernoulli(0.1);
}
console.log('one shared stream:      ', shifted.join(' '));
// #endregion

// #region trace
function simulate(seed: number): string[] {
  const env = new Environment();
  const random = createRandom(seed);
  const arrivals = random.stream('arrivals');
  const service = random.stream('service');
  const trace: string[] = [];
  env.onTrace((entry) => {
    if (entry.label !== undefined)
      trace.push(`${entry.at} ms  priority ${entry.priority}  #${entry.seq}  ${entry.kind} ${entry.label}`);
  });

  function* customer(): ProcessGenerator {
    yield env.timeout(Math.round(service.exponential(45_000)));
  }
  function* source(): ProcessGenerator {
    for (let i = 1; i <= 4; i += 1) {
      env.process(customer(), { name: `customer-${i}` });
      yield env.timeout(Math.round(arrivals.exponential(60_000)));
    }
  }
  env.process(source(), { name: 'source' });
  env.run();
  return trace;
}

const first = simulate(7);
const second = simulate(7);
const other = simulate(8);
console.log(first.join('\n'));
console.log('same seed, same trace:      ', JSON.stringify(first) === JSON.stringify(second));
console.log('other seed, same trace:     ', JSON.stringify(first) === JSON.stringify(other));
// #endregion

// #region state
const stream = createRandom(42).stream('service');
const saved = stream.saveState();
const once = draws(stream, 3);
stream.restoreState(JSON.parse(JSON.stringify(saved)));
const again = draws(stream, 3);
console.log('replayed after restoreState:', once === again, `(${again})`);
// #endregion
