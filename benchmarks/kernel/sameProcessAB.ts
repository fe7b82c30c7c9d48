import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Kernel from '@berth/kernel';
import { positiveInteger } from '../machine.js';
import { median } from './interleave.js';

// Compares two builds of the kernel in one process: each DIR is a copy of packages/kernel/src (for
// instance `git archive main packages/kernel/src | tar -x -C DIR`, then DIR/packages/kernel/src).
// Both are loaded, and the reference model runs on each in turn, round after round, with a garbage
// collection before every run. The copy loaded first runs faster in this set-up (an A/A run of two
// identical copies measured the second one 12-22% slower), so the comparison runs twice, once in each
// load order, each in a fresh process, and the two ratios are combined by their geometric mean, which
// cancels a bias that multiplies.
//
//   node --expose-gc --conditions=@berth/source --import tsx kernel/sameProcessAB.ts DIR_A DIR_B [--rounds 15]

type KernelModule = typeof Kernel;
type Model = (kernel: KernelModule) => number;

const PROCESSES = 1000;
const TIMEOUTS = 1000;
const SEED = 42;

/** The kernel benchmark's model on the generator API (see generatorModel.ts). */
function generator(k: KernelModule): number {
  const env = new k.Environment();
  const rng = k.createRandom(SEED).stream('walkers');
  function* walker(): Kernel.ProcessGenerator<void> {
    for (let i = 0; i < TIMEOUTS; i += 1) yield env.timeout(rng.exponential(1));
  }
  for (let p = 0; p < PROCESSES; p += 1) env.process(walker());
  env.run();
  return env.now;
}

/** The model on the callback API, a new handle per event or one reused handle per walker. */
function callbacks(reuse: boolean): Model {
  return (k) => {
    const env = new k.Environment();
    const rng = k.createRandom(SEED).stream('walkers');
    interface Walker {
      remaining: number;
      handle: Kernel.Callback | null;
    }
    const step = (w: Walker): void => {
      w.remaining -= 1;
      if (w.remaining <= 0) return;
      if (reuse) env.reschedule(w.handle!, rng.exponential(1));
      else env.schedule(rng.exponential(1), step, w);
    };
    for (let p = 0; p < PROCESSES; p += 1) {
      const w: Walker = { remaining: TIMEOUTS, handle: null };
      w.handle = env.schedule(rng.exponential(1), step, w);
    }
    env.run();
    return env.now;
  };
}

const MODELS: ReadonlyArray<readonly [string, Model]> = [
  ['generator API', generator],
  ['callback API (schedule)', callbacks(false)],
  ['callback API (reschedule)', callbacks(true)],
];

interface OrderResult {
  /** Per model: median events/s of A, of B, and the median of the per-round ratios B/A. */
  readonly [model: string]: { a: number; b: number; ratio: number };
}

/** Child: loads the builds in the given order and measures every model on both. */
async function measure(dirA: string, dirB: string, aFirst: boolean, rounds: number): Promise<OrderResult> {
  const load = (dir: string) => import(pathToFileURL(resolve(dir, 'index.ts')).href) as Promise<KernelModule>;
  const first = await load(aFirst ? dirA : dirB);
  const second = await load(aFirst ? dirB : dirA);
  const [a, b] = aFirst ? [first, second] : [second, first];
  const result: Record<string, { a: number; b: number; ratio: number }> = {};
  for (const [name, model] of MODELS) {
    const rates = { a: [] as number[], b: [] as number[] };
    for (let round = 0; round <= rounds; round += 1) {
      const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      const ends: number[] = [];
      for (const which of order) {
        globalThis.gc?.();
        const start = performance.now();
        ends.push(model(which === 'a' ? a : b));
        const seconds = (performance.now() - start) / 1000;
        if (round > 0) rates[which].push((PROCESSES * TIMEOUTS) / seconds);
      }
      if (ends[0] !== ends[1]) throw new Error(`${name}: the two builds end at ${ends[0]} and ${ends[1]}`);
    }
    result[name] = { a: median(rates.a), b: median(rates.b), ratio: median(rates.b.map((x, i) => x / rates.a[i]!)) };
  }
  return result;
}

const { values, positionals } = parseArgs({
  options: { rounds: { type: 'string' }, child: { type: 'string' } },
  allowPositionals: true,
  strict: true,
});
const [dirA, dirB] = positionals;
if (dirA === undefined || dirB === undefined) {
  console.error('usage: sameProcessAB.ts DIR_A DIR_B [--rounds N]  (each DIR holds a copy of packages/kernel/src)');
  process.exit(2);
}
const rounds = positiveInteger('rounds', values.rounds, 15);

if (values.child !== undefined) {
  console.log(JSON.stringify(await measure(dirA, dirB, values.child === 'a-first', rounds)));
} else {
  const runOrder = (order: string): OrderResult => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), dirA, dirB, '--rounds', String(rounds), '--child', order],
      { encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`the ${order} run failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as OrderResult;
  };
  const aFirst = runOrder('a-first');
  const bFirst = runOrder('b-first');
  const fmt = (rate: number) => Math.round(rate).toLocaleString('en-US');
  console.log(`A = ${dirA}\nB = ${dirB}\n${rounds} rounds per load order, medians of events/s\n`);
  console.log(
    '| model | A (A loaded first / second) | B (B loaded second / first) | B/A, A first | B/A, B first | B/A, geometric mean |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name] of MODELS) {
    const x = aFirst[name]!;
    const y = bFirst[name]!;
    const cells = [
      `${fmt(x.a)} / ${fmt(y.a)}`,
      `${fmt(x.b)} / ${fmt(y.b)}`,
      x.ratio.toFixed(3),
      y.ratio.toFixed(3),
      `**${Math.sqrt(x.ratio * y.ratio).toFixed(3)}**`,
    ];
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}
