import { createRandom } from '@berth/kernel';
import { type ModelOutcome, type ModelSize, STREAM_NAME } from './modelSize.js';

interface Slot {
  at: number;
  seq: number;
  readonly walker: Generator<number, void, void>;
}

/**
 * The floor: the reference model as a bare loop over generators that yield delays, and a binary heap
 * ordered by (time, insertion) holding one reused slot per walker. No events, no priorities, no error
 * handling, no allocation per event. Delays come from the kernel's RandomStream so draws cost the same.
 */
export function runBareLoop(size: ModelSize, seed: number): ModelOutcome {
  const rng = createRandom(seed).stream(STREAM_NAME);
  const heap: Slot[] = [];
  let now = 0;
  let seq = 0;
  const before = (a: Slot, b: Slot): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const push = (slot: Slot, delay: number): void => {
    slot.at = now + delay;
    slot.seq = seq++;
    let i = heap.length;
    heap.push(slot);
    while (i > 0) {
      const parent = heap[(i - 1) >> 1]!;
      if (!before(slot, parent)) break;
      heap[i] = parent;
      i = (i - 1) >> 1;
    }
    heap[i] = slot;
  };
  const pop = (): Slot => {
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return top;
    let i = 0;
    for (let child = 1; child < n; child = 2 * i + 1) {
      if (child + 1 < n && before(heap[child + 1]!, heap[child]!)) child += 1;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  };
  function* walker(): Generator<number, void, void> {
    for (let i = 0; i < size.timeouts; i += 1) yield rng.exponential(1);
  }
  for (let p = 0; p < size.processes; p += 1) {
    const slot: Slot = { at: 0, seq: 0, walker: walker() };
    const first = slot.walker.next();
    if (first.done !== true) push(slot, first.value);
  }
  while (heap.length > 0) {
    const slot = pop();
    now = slot.at;
    const next = slot.walker.next();
    if (next.done !== true) push(slot, next.value);
  }
  return { events: size.processes * size.timeouts, endTime: now };
}
