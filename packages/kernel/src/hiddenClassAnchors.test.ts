import { describe, expect, it } from 'vitest';
import { HIDDEN_CLASS_ANCHORS } from './hiddenClassAnchors.js';
import { type AgendaEntry, Callback, Environment } from './index.js';

describe('hidden-class anchors', () => {
  it('are built when the package loads, and leave no trace in a new environment', () => {
    expect(HIDDEN_CLASS_ANCHORS.length).toBeGreaterThan(0);
    const env = new Environment();
    expect(env.now).toBe(0);
    expect(env.pending).toBe(0);
    const seen: AgendaEntry[] = [];
    env.onTrace((entry) => seen.push(entry));
    env.schedule(0.5, () => {});
    env.run();
    expect(seen).toEqual([{ at: 0.5, priority: 1, seq: 0, kind: 'callback', label: undefined }]);
  });

  it('a callback handle, a base class, still behaves as an agenda entry', () => {
    const env = new Environment();
    const log: number[] = [];
    const handle = env.schedule(1, (n: number) => log.push(n), 7, { name: 'tick' });
    expect(handle).toBeInstanceOf(Callback);
    expect(handle.scheduled).toBe(true);
    expect(handle.queued).toBe(true);
    expect(handle.kind).toBe('callback');
    expect(handle.label).toBe('tick');
    expect(env.cancel(handle)).toBe(true);
    expect(handle.scheduled).toBe(false);
    expect(env.cancel(handle)).toBe(false);
    env.reschedule(handle, 2);
    expect(() => env.reschedule(handle, 1)).toThrow(/already scheduled/);
    env.run();
    expect(log).toEqual([7]);
    expect(env.now).toBe(2);
    expect(handle.scheduled).toBe(false);
  });
});
