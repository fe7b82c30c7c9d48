import { describe, expect, it } from 'vitest';
import { VerdictCache } from './VerdictCache.js';

const vector = () => new Float64Array([1000, 512]);

describe('VerdictCache', () => {
  it('keeps one slot per kind: request vectors, non-zero vectors and filter mask', () => {
    const cache = new VerdictCache();
    const [a, b] = [vector(), vector()];
    const slot = cache.slot(a, a, 3, 4);
    slot.owner[2] = slot.token;
    slot.reason[2] = 'Insufficient cpu';
    expect(cache.slot(a, a, 3, 4)).toBe(slot);
    // Equal values in another vector are another kind (identity is the kind), and so is another mask.
    expect(cache.slot(b, b, 3, 4)).not.toBe(slot);
    expect(cache.slot(a, a, 1, 4)).not.toBe(slot);
    const again = cache.slot(a, a, 3, 4);
    expect(again.knows(2) && again.reason[2]).toBe('Insufficient cpu');
    expect(again.knows(1)).toBe(false);
  });

  it('forgets a slot whose host count changed', () => {
    const cache = new VerdictCache();
    const a = vector();
    const slot = cache.slot(a, a, 1, 4);
    slot.owner[0] = slot.token;
    const grown = cache.slot(a, a, 1, 6);
    expect(grown.reason).toHaveLength(6);
    expect([0, 1, 2, 3, 4, 5].some((id) => grown.knows(id))).toBe(false);
  });

  it('past its budget takes over the least recently used slot, which starts empty', () => {
    // A budget of 80 entries over 10 hosts: the minimum of 8 slots.
    const cache = new VerdictCache(80);
    const kinds = Array.from({ length: 9 }, vector);
    const slots = kinds.slice(0, 8).map((k) => cache.slot(k, k, 1, 10));
    for (const s of slots) s.owner.fill(s.token);
    cache.slot(kinds[0]!, kinds[0]!, 1, 10); // kind 1 is now the least recently used
    const ninth = cache.slot(kinds[8]!, kinds[8]!, 1, 10);
    expect(ninth).toBe(slots[1]);
    expect(ninth.knows(0)).toBe(false);
    // Kind 1 comes back with nothing known (it takes the next oldest slot, kind 2's).
    const back = cache.slot(kinds[1]!, kinds[1]!, 1, 10);
    expect(back).toBe(slots[2]);
    expect(back.knows(0)).toBe(false);
    expect(cache.slot(kinds[0]!, kinds[0]!, 1, 10)).toBe(slots[0]);
    expect(slots[0]!.knows(0)).toBe(true);
  });
});
