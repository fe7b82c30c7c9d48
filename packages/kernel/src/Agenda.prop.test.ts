import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agenda, compareEntries, Entry } from './Agenda.js';

class Item extends Entry {
  readonly kind = 'item';
  at = 0;
  priority = 0;
  seq = 0;
  fire(): void {}
}

/** The reference: the queued entries in a plain array, the first being the least by compareEntries. */
interface Model {
  entries: Item[];
  nextSeq: number;
}

function first(entries: readonly Item[]): Item | undefined {
  let best: Item | undefined;
  for (const e of entries) if (best === undefined || compareEntries(e, best) < 0) best = e;
  return best;
}

/** The agenda holds exactly the model's entries, all marked queued, and shows the least first. */
function checkSlots(model: Model, agenda: Agenda): void {
  expect(agenda.size).toBe(model.entries.length);
  for (const e of model.entries) expect(e.queued).toBe(true);
  const least = first(model.entries);
  expect(agenda.peek()).toBe(least);
  if (least !== undefined) expect(agenda.peekTime()).toBe(least.at);
}

class Push implements fc.Command<Model, Agenda> {
  constructor(
    readonly at: number,
    readonly priority: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, agenda: Agenda): void {
    const e = new Item();
    e.at = this.at;
    e.priority = this.priority;
    e.seq = model.nextSeq++;
    agenda.push(e, e.at, e.priority, e.seq);
    model.entries.push(e);
    checkSlots(model, agenda);
  }
  toString(): string {
    return `push(${this.at}, ${this.priority})`;
  }
}

class Pop implements fc.Command<Model, Agenda> {
  check(model: Readonly<Model>): boolean {
    return model.entries.length > 0;
  }
  run(model: Model, agenda: Agenda): void {
    const expected = first(model.entries)!;
    const got = agenda.pop();
    expect(got).toBe(expected);
    expect(got.queued).toBe(false);
    expect([agenda.lastAt, agenda.lastPriority, agenda.lastSeq]).toEqual([
      expected.at,
      expected.priority,
      expected.seq,
    ]);
    model.entries.splice(model.entries.indexOf(expected), 1);
    checkSlots(model, agenda);
  }
  toString(): string {
    return 'pop';
  }
}

class Remove implements fc.Command<Model, Agenda> {
  constructor(readonly pick: number) {}
  check(model: Readonly<Model>): boolean {
    return model.entries.length > 0;
  }
  run(model: Model, agenda: Agenda): void {
    const i = this.pick % model.entries.length;
    const victim = model.entries[i]!;
    agenda.remove(victim);
    expect(victim.queued).toBe(false);
    model.entries.splice(i, 1);
    checkSlots(model, agenda);
  }
  toString(): string {
    return `remove(#${this.pick})`;
  }
}

// Mostly few distinct times and priorities, so that ties (and the sequence tie-breaker) are common;
// pushes outweigh pops so that the heap grows deep enough for removals to sift both ways.
const at = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1000 }));
const push = fc.tuple(at, fc.integer({ min: 0, max: 2 })).map(([t, p]) => new Push(t, p));
const commands = [push, push, push, fc.constant(new Pop()), fc.nat().map((n) => new Remove(n))];

describe('Agenda (model-based)', () => {
  it('pops and removes like a sorted array under any sequence of push, pop and remove', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 200, size: 'large' }), (cmds) => {
        fc.modelRun(() => ({ model: { entries: [], nextSeq: 0 }, real: new Agenda() }), cmds);
      }),
      { seed: 1234, numRuns: 200 },
    );
  });

  it('drains to the compareEntries-sorted list of whatever was pushed and not removed', () => {
    const entry = fc.record({
      at: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1e9, noNaN: true })),
      priority: fc.integer({ min: -2, max: 2 }),
      removed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 200, size: 'medium' }), (specs) => {
        const agenda = new Agenda();
        const items = specs.map((s, seq) => {
          const e = new Item();
          e.at = s.at;
          e.priority = s.priority;
          e.seq = seq;
          agenda.push(e, e.at, e.priority, e.seq);
          return e;
        });
        specs.forEach((s, i) => {
          if (s.removed) agenda.remove(items[i]!);
        });
        const expected = items.filter((_, i) => !specs[i]!.removed).sort(compareEntries);
        const got: Item[] = [];
        while (agenda.size > 0) got.push(agenda.pop() as Item);
        expect(got).toEqual(expected);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
