import { createRandom } from './src/random/createRandom.js';
import type { RandomStream } from './src/random/RandomStream.js';

function loop(s: RandomStream, which: string, n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    if (which === 'exp') acc += s.exponential(1);
    else if (which === 'next') acc += s.next();
    else if (which === 'uniform') acc += s.uniform(0, 2);
    else if (which === 'integer') acc += s.integer(0, 10);
    else if (which === 'bern') acc += s.bernoulli(0.3) ? 1 : 0;
    else if (which === 'none') acc += i * 0.5;
  }
  return acc;
}
const s = createRandom(1).stream('x');
const which = process.argv[2]!;
loop(s, which, 2e6);
console.log('START');
const t0 = process.hrtime.bigint();
const r = loop(s, which, 3e7);
const t1 = process.hrtime.bigint();
console.log('END', r > 0, (3e7 / (Number(t1 - t0) / 1e9) / 1e6).toFixed(1), 'M/s');
