import { createRandom, Environment } from '@berth/kernel';
import { STREAM_NAME } from './modelSize.js';

/** Heap cost of `count` entries pending at once on one API. */
export interface PendingMemory {
  readonly count: number;
  /** Growth of V8's used heap, after full collections, divided by `count` (includes the agenda's array). */
  readonly bytesPerEvent: number;
  /** Used heap with all of them pending, in bytes. */
  readonly heapUsedPeak: number;
}

/** What can be left pending: a timeout event per entry, or a callback handle per entry. */
export type PendingKind = 'timeout' | 'callback';

function collect(): void {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('Memory figures need a full collection: run node with --expose-gc.');
  // Two passes: the first may only schedule finalisation of what the second reclaims.
  gc();
  gc();
}

const noop = (): void => {};

/** Schedules `count` entries without running any and measures what they hold on the heap. */
export function measurePending(kind: PendingKind, count: number, seed: number): PendingMemory {
  collect();
  const before = process.memoryUsage().heapUsed;
  const env = new Environment();
  const rng = createRandom(seed).stream(STREAM_NAME);
  if (kind === 'timeout') for (let i = 0; i < count; i += 1) env.timeout(rng.exponential(1));
  else for (let i = 0; i < count; i += 1) env.schedule(rng.exponential(1), noop);
  collect();
  const after = process.memoryUsage().heapUsed;
  if (env.pending !== count) throw new Error(`expected ${count} pending entries, found ${env.pending}`);
  return { count, bytesPerEvent: (after - before) / count, heapUsedPeak: after };
}
