import { describe, expect, it } from 'vitest';
import { Environment } from './Environment.js';

describe('Timer', () => {
  it('runs once when due; a later set replaces an earlier one', () => {
    const env = new Environment();
    const ran: number[] = [];
    const timer = env.timer((x: string) => ran.push(env.now + x.length), 'x');
    expect(timer.queued).toBe(false);
    expect(timer.due).toBe(Number.POSITIVE_INFINITY);
    timer.set(10);
    env.schedule(5, () => timer.set(20));
    expect(timer.due).toBe(10);
    env.run();
    expect(ran).toEqual([26]);
    expect(timer.queued).toBe(false);
  });

  it('stays on the agenda once while pushed back, and comes up early only to move', () => {
    const env = new Environment();
    const timer = env.timer(() => {}, undefined, { name: 'keep-alive' });
    const seen: string[] = [];
    env.onTrace((e) => seen.push(`${e.kind} ${e.label} ${e.at}`));
    timer.set(10);
    for (let t = 1; t < 10; t++) env.schedule(t, () => timer.set(10));
    expect(env.pending).toBe(10);
    env.run();
    // The nine pushes cost one early entry (at 10) and the real one (at 19).
    expect(seen.filter((s) => s.startsWith('timer'))).toEqual(['timer keep-alive 10', 'timer keep-alive 19']);
    expect(env.now).toBe(19);
  });

  it('moves earlier at once, and cancel takes it off the agenda', () => {
    const env = new Environment();
    const ran: number[] = [];
    const timer = env.timer(() => ran.push(env.now));
    timer.set(50);
    timer.set(5);
    expect(env.pending).toBe(1);
    env.run({ until: 6 });
    expect(ran).toEqual([5]);
    timer.set(10);
    expect(timer.cancel()).toBe(true);
    expect(timer.cancel()).toBe(false);
    expect(env.pending).toBe(0);
    env.run();
    expect(ran).toEqual([5]);
  });

  it('rejects a bad delay or priority by name', () => {
    const env = new Environment();
    const timer = env.timer(() => {});
    expect(() => timer.set(-1)).toThrow(/delay/);
    expect(() => timer.set(Number.POSITIVE_INFINITY)).toThrow(/delay/);
    expect(() => timer.set(Number.NaN)).toThrow(/delay/);
    expect(() => env.timer(() => {}, undefined, { priority: 0.5 })).toThrow(/priority/);
  });
});
