import { describe, expect, it } from 'vitest';
import { Agenda, compareEntries, Entry, NORMAL, URGENT } from './Agenda.js';

class Item extends Entry {
  readonly kind = 'item';
  fire(): void {}
}

/** A maker of entries numbered in creation order, as the environment numbers them. */
function items(): (at: number, priority?: number) => Item {
  let seq = 0;
  return (at, priority = NORMAL) => {
    const e = new Item();
    e.at = at;
    e.priority = priority;
    e.seq = seq++;
    return e;
  };
}

function drain(agenda: Agenda): Entry[] {
  const out: Entry[] = [];
  while (agenda.size > 0) out.push(agenda.pop());
  return out;
}

describe('compareEntries', () => {
  it('orders by time, then priority, then sequence number', () => {
    const base = { kind: 'x', label: undefined };
    const a = { ...base, at: 1, priority: 5, seq: 9 };
    const b = { ...base, at: 2, priority: 0, seq: 0 };
    expect(compareEntries(a, b)).toBeLessThan(0);
    expect(compareEntries(b, a)).toBeGreaterThan(0);
    const c = { ...base, at: 2, priority: 1, seq: 0 };
    expect(compareEntries(b, c)).toBeLessThan(0);
    const d = { ...base, at: 2, priority: 1, seq: 1 };
    expect(compareEntries(c, d)).toBeLessThan(0);
    expect(compareEntries(d, d)).toBe(0);
  });

  it('puts URGENT before NORMAL', () => {
    expect(URGENT).toBeLessThan(NORMAL);
  });
});

describe('Entry', () => {
  it('starts unqueued, at NORMAL priority, without a label', () => {
    const e = new Item();
    expect(e.index).toBe(-1);
    expect(e.priority).toBe(NORMAL);
    expect(e.label).toBeUndefined();
  });
});

describe('Agenda', () => {
  it('is empty at first', () => {
    const agenda = new Agenda();
    expect(agenda.size).toBe(0);
    expect(agenda.peek()).toBeUndefined();
  });

  it('pops in (time, priority, insertion) order whatever the push order', () => {
    const agenda = new Agenda();
    const item = items();
    const late = item(9);
    const tieFirst = item(3);
    const tieSecond = item(3);
    const urgent = item(3, URGENT);
    const early = item(1);
    for (const e of [late, tieFirst, tieSecond, urgent, early]) agenda.push(e);
    expect(agenda.size).toBe(5);
    expect(agenda.peek()).toBe(early);
    expect(drain(agenda)).toEqual([early, urgent, tieFirst, tieSecond, late]);
  });

  it('marks entries unqueued once popped or removed, and tracks the slot of queued ones', () => {
    const agenda = new Agenda();
    const item = items();
    const a = item(1);
    const b = item(2);
    agenda.push(a);
    agenda.push(b);
    expect(a.index).toBe(0);
    expect(b.index).toBe(1);
    agenda.remove(b);
    expect(b.index).toBe(-1);
    expect(agenda.pop()).toBe(a);
    expect(a.index).toBe(-1);
    expect(agenda.size).toBe(0);
  });

  it('removes the first entry, the last entry and the only entry', () => {
    const agenda = new Agenda();
    const item = items();
    const only = item(1);
    agenda.push(only);
    agenda.remove(only);
    expect(agenda.size).toBe(0);

    const entries = [4, 2, 7, 1, 5].map((t) => item(t));
    for (const e of entries) agenda.push(e);
    const first = agenda.peek()!;
    expect(first.at).toBe(1);
    agenda.remove(first);
    expect(agenda.peek()!.at).toBe(2);
    // The entry in the last slot: removing it must not disturb the others.
    const last = entries.find((e) => e.index === agenda.size - 1)!;
    agenda.remove(last);
    expect(drain(agenda).map((e) => e.at)).toEqual([2, 4, 5, 7].filter((t) => t !== last.at));
  });

  it('sifts the moved entry up when the removed slot is deep in a branch of later entries', () => {
    // Pushed in this order the heap is [0, 10, 1, 11, 12, 2, 3]: removing 11 moves 3 under 10.
    const agenda = new Agenda();
    const item = items();
    const entries = [0, 10, 1, 11, 12, 2, 3].map((t) => item(t));
    for (const e of entries) agenda.push(e);
    const eleven = entries[3]!;
    const three = entries[6]!;
    expect(eleven.index).toBe(3);
    agenda.remove(eleven);
    expect(three.index).toBe(1);
    expect(drain(agenda).map((e) => e.at)).toEqual([0, 1, 2, 3, 10, 12]);
  });

  it('sifts the moved entry down when it is later than the children of the removed slot', () => {
    const agenda = new Agenda();
    const item = items();
    const entries = [0, 1, 20, 2, 3, 21, 22].map((t) => item(t));
    for (const e of entries) agenda.push(e);
    agenda.remove(entries[1]!);
    expect(drain(agenda).map((e) => e.at)).toEqual([0, 2, 3, 20, 21, 22]);
  });

  it('accepts an entry again after it was popped', () => {
    const agenda = new Agenda();
    const item = items();
    const e = item(1);
    agenda.push(e);
    agenda.pop();
    e.at = 5;
    agenda.push(e);
    agenda.push(item(3));
    expect(drain(agenda).map((x) => x.at)).toEqual([3, 5]);
  });
});
