import { describe, expect, it } from 'vitest';
import { readGoogleMachineEvents } from '../google2011/readGoogleMachineEvents.js';
import { readGoogleTaskEvents } from '../google2011/readGoogleTaskEvents.js';
import { syntheticGoogleMachineEvents, syntheticGoogleTaskEvents } from './syntheticGoogleTrace.js';

const JOBS = Array.from({ length: 300 }, (_, i) => ({ time: 600_000_000 + i * 3_000_000, jobId: String(5000 + i) }));

describe('synthetic Google 2011 tables', () => {
  it('writes task_events rows the reader takes, in time order, each task submitted, scheduled, then ended', async () => {
    const reader = readGoogleTaskEvents(syntheticGoogleTaskEvents(JOBS, { seed: 4, machines: 50 }));
    const events = await reader.toArray();
    expect(reader.report.malformed).toBe(0);
    for (let i = 1; i < events.length; i++) expect(events[i]!.time).toBeGreaterThanOrEqual(events[i - 1]!.time);
    const state = new Map<string, string>();
    for (const e of events) {
      const key = `${e.jobId}/${e.taskIndex}`;
      const before = state.get(key);
      if (e.eventType === 'SUBMIT') expect(before === undefined || before === 'ended').toBe(true);
      else if (e.eventType === 'SCHEDULE') expect(before).toBe('SUBMIT');
      else expect(before).toBe('SCHEDULE');
      state.set(key, e.eventType === 'SUBMIT' || e.eventType === 'SCHEDULE' ? e.eventType : 'ended');
      if (e.eventType === 'SCHEDULE') expect(Number(e.machineId)).toBeLessThanOrEqual(50);
    }
    expect([...state.values()].every((s) => s === 'ended')).toBe(true);
    // 1..5 tasks per job, 3 on average: about 900 tasks (sd of the sum ≈ sqrt(300 × 2) ≈ 24.5).
    const tasks = new Set(events.map((e) => `${e.jobId}/${e.taskIndex}`)).size;
    expect(Math.abs(tasks - 900)).toBeLessThan(4 * 24.5);
    // One end in 20 is an EVICT, followed by a new SUBMIT of the same task.
    const evicts = events.filter((e) => e.eventType === 'EVICT').length;
    const ends = events.filter((e) => ['EVICT', 'FAIL', 'FINISH', 'KILL'].includes(e.eventType)).length;
    expect(Math.abs(evicts / ends - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / ends));
    expect(events.filter((e) => e.eventType === 'SUBMIT').length).toBe(tasks + evicts);
  });

  it('is the same for the same seed', async () => {
    const read = async () => {
      const lines: string[] = [];
      for await (const line of syntheticGoogleTaskEvents(JOBS.slice(0, 50), { seed: 9 })) lines.push(line);
      return lines;
    };
    expect(await read()).toEqual(await read());
  });

  it('writes machine_events ADD rows of the shapes given', async () => {
    const reader = readGoogleMachineEvents(
      // A plain generator of lines, read as the async source a reader takes.
      (async function* () {
        yield* syntheticGoogleMachineEvents({
          machines: 1000,
          seed: 2,
          shapes: [
            { cpus: 0.5, memory: 0.5, weight: 3 },
            { cpus: 1, memory: 1, weight: 1 },
          ],
        });
      })(),
    );
    const machines = await reader.toArray();
    expect(machines).toHaveLength(1000);
    expect(machines.every((m) => m.eventType === 'ADD' && m.time === 0)).toBe(true);
    const big = machines.filter((m) => m.cpus === 1).length;
    // A quarter are big: binomial sd sqrt(1000 × 3/16) ≈ 13.7.
    expect(Math.abs(big - 250)).toBeLessThan(4 * 13.7);
  });
});
