import type { Container } from '../../containers/Container.js';
import type { QueueOrder } from '../QueueOrder.js';

/**
 * Dominant Resource Fairness across tenants (Ghodsi et al., NSDI 2011): the next container comes from
 * the tenant whose dominant share — its largest fraction of any cluster resource, over the containers
 * it has bound — is smallest; ties go to the tenant that has waited longest (first seen); within a
 * tenant, first come first served.
 */
export function drfOrder(totalCapacity: Float64Array): QueueOrder {
  const queues = new Map<string, { items: Container[]; head: number; usage: Float64Array; seen: number }>();
  let seen = 0;
  let size = 0;
  const tenant = (name: string) => {
    let t = queues.get(name);
    if (t === undefined) {
      t = { items: [], head: 0, usage: new Float64Array(totalCapacity.length), seen: seen++ };
      queues.set(name, t);
    }
    return t;
  };
  const dominantShare = (usage: Float64Array) => {
    let share = 0;
    for (let r = 0; r < usage.length; r++) {
      const total = totalCapacity[r]!;
      if (total > 0 && usage[r]! / total > share) share = usage[r]! / total;
    }
    return share;
  };
  return {
    name: 'drf',
    push: (c) => {
      tenant(c.tenant).items.push(c);
      size += 1;
    },
    pop: () => {
      let best: { items: Container[]; head: number; usage: Float64Array; seen: number } | undefined;
      let bestShare = Number.POSITIVE_INFINITY;
      for (const t of queues.values()) {
        if (t.head >= t.items.length) continue;
        const share = dominantShare(t.usage);
        if (share < bestShare || (share === bestShare && best !== undefined && t.seen < best.seen)) {
          best = t;
          bestShare = share;
        }
      }
      if (best === undefined) return undefined;
      const c = best.items[best.head++]!;
      if (best.head === best.items.length) {
        best.items.length = 0;
        best.head = 0;
      }
      size -= 1;
      return c;
    },
    get size() {
      return size;
    },
    usageChanged: (c, delta) => {
      const usage = tenant(c.tenant).usage;
      for (let r = 0; r < usage.length; r++) usage[r]! += delta * c.requests[r]!;
    },
  };
}
