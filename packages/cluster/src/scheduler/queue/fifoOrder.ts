import type { Container } from '../../containers/Container.js';
import type { QueueOrder } from '../QueueOrder.js';

/** First come, first served, regardless of priority. */
export function fifoOrder(): QueueOrder {
  const items: Container[] = [];
  let head = 0;
  return {
    name: 'fifo',
    push: (c) => {
      items.push(c);
    },
    pop: () => {
      if (head >= items.length) return undefined;
      const c = items[head++]!;
      if (head > 1024 && head * 2 > items.length) {
        items.splice(0, head);
        head = 0;
      }
      return c;
    },
    get size() {
      return items.length - head;
    },
  };
}
