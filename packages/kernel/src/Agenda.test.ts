import { describe, expect, it } from 'vitest';
import { Agenda, compareEntries, Entry, MAX_PRIORITY, MIN_PRIORITY, NORMAL, URGENT } from './Agenda.js';

class Item extends Entry {
  readonly kind = 'item';
  constructor(readonly name: string) {
    super();
  }
  fire(): void {}
}

function drain(agenda: Agenda): string[] {
  const out: string[] = [];
  while (agenda.size > 0) out.push((agenda.pop() as Item).name);
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

describe('Agenda', () => {
  it('is empty at first', () => {
    const agenda = new Agenda();
    expect(agenda.size).toBe(0);
    expect(agenda.peek()).toBeUndefined();
  });

  it('pops in (time, priority, insertion) order whatever the push order', () => {
    const agenda = new Agenda();
    agenda.push(new Item('t5'), 5, NORMAL, 0);
    agenda.push(new Item('t1-normal'), 1, NORMAL, 1);
    agenda.push(new Item('t1-urgent'), 1, URGENT, 2);
    agenda.push(new Item('t1-normal-later'), 1, NORMAL, 3);
    agenda.push(new Item('t0'), 0, NORMAL, 4);
    expect(agenda.peekTime()).toBe(0);
    expect(drain(agenda)).toEqual(['t0', 't1-urgent', 't1-normal', 't1-normal-later', 't5']);
  });

  it('reports the keys of the entry popped last', () => {
    const agenda = new Agenda();
    agenda.push(new Item('a'), 2.5, MIN_PRIORITY, 7);
    agenda.push(new Item('b'), 2.5, MAX_PRIORITY, 2 ** 39);
    agenda.pop();
    expect([agenda.lastAt, agenda.lastPriority, agenda.lastSeq]).toEqual([2.5, MIN_PRIORITY, 7]);
    agenda.pop();
    expect([agenda.lastAt, agenda.lastPriority, agenda.lastSeq]).toEqual([2.5, MAX_PRIORITY, 2 ** 39]);
  });

  it('removes an entry in O(1) and never returns it', () => {
    const agenda = new Agenda();
    const items = [3, 1, 4, 1, 5, 9, 2, 6].map((t, i) => {
      const item = new Item(`${t}#${i}`);
      agenda.push(item, t, NORMAL, i);
      return item;
    });
    agenda.remove(items[1]!);
    agenda.remove(items[5]!);
    expect(items[1]!.queued).toBe(false);
    expect(agenda.size).toBe(6);
    expect(agenda.peek()).toBe(items[3]);
    expect(drain(agenda)).toEqual(['1#3', '2#6', '3#0', '4#2', '5#4', '6#7']);
  });

  it('refuses to remove an entry that is not queued', () => {
    const agenda = new Agenda();
    const item = new Item('x');
    expect(() => agenda.remove(item)).toThrow(/not queued/);
    agenda.push(item, 1, NORMAL, 0);
    agenda.remove(item);
    expect(() => agenda.remove(item)).toThrow(/not queued/);
  });

  it('lets a removed entry be queued again without its old slot coming back', () => {
    const agenda = new Agenda();
    const item = new Item('again');
    agenda.push(item, 1, NORMAL, 0);
    agenda.remove(item);
    agenda.push(new Item('other'), 2, NORMAL, 1);
    agenda.push(item, 3, NORMAL, 2);
    expect(drain(agenda)).toEqual(['other', 'again']);
  });

  it('compacts when most slots are dead and keeps the order', () => {
    const agenda = new Agenda();
    const items = Array.from({ length: 500 }, (_, i) => {
      const item = new Item(String(i));
      agenda.push(item, (i * 7919) % 500, NORMAL, i);
      return item;
    });
    for (let i = 0; i < 500; i++) if (i % 5 !== 0) agenda.remove(items[i]!);
    expect(agenda.size).toBe(100);
    const times = [];
    while (agenda.size > 0) {
      agenda.pop();
      times.push(agenda.lastAt);
    }
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(100);
  });

  it('grows past its initial capacity', () => {
    const agenda = new Agenda();
    for (let i = 5000; i > 0; i--) agenda.push(new Item(String(i)), i, NORMAL, 5000 - i);
    expect(agenda.size).toBe(5000);
    expect(agenda.peekTime()).toBe(1);
  });
});
