import { PassThrough } from 'node:stream';
import type { ScenarioInput } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/runMain.js';
import { ProgressBar } from './ProgressBar.js';
import { type RunProgress, runScenario } from './runScenario.js';

const SCENARIO: ScenarioInput = {
  horizon: '3h',
  hosts: [{ group: 'n', count: 4, capacity: { cpu: '8', memory: '32Gi' } }],
  services: { web: { replicas: 12, template: { requests: { cpu: '1', memory: '2Gi' }, duration: '7m' } } },
  jobs: { batch: { submitAt: '20m', tasks: [{ count: 20, requests: { cpu: '2', memory: '1Gi' }, duration: '25m' }] } },
};

describe('runScenario', () => {
  it('gives the same run in chunks (for progress) as in one piece', () => {
    const whole = runScenario(SCENARIO, { eventLog: { keep: 'all' } });
    const seen: RunProgress[] = [];
    const chunked = runScenario(SCENARIO, {
      eventLog: { keep: 'all' },
      onProgress: (p) => seen.push(p),
      clock: fakeClock(37),
    });
    expect(chunked.sim.events()).toEqual(whole.sim.events());
    expect(chunked.metrics).toEqual(whole.metrics);
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.now).toBeGreaterThanOrEqual(seen[i - 1]!.now);
      expect(seen[i]!.events).toBeGreaterThanOrEqual(seen[i - 1]!.events);
    }
    expect(seen.at(-1)).toEqual({ now: 3 * 3_600_000, until: 3 * 3_600_000, events: whole.sim.log.size });
  });

  it('runs until nothing is left without a horizon, reporting progress in batches', () => {
    const { horizon: _, ...open } = SCENARIO as ScenarioInput & { horizon: string };
    const bounded = { ...open, services: {} };
    const seen: RunProgress[] = [];
    const outcome = runScenario(bounded, { onProgress: (p) => seen.push(p) });
    expect(outcome.until).toBeNull();
    // 16 tasks of 2 cpu fill the 32 cpu at 20 min; the other 4 start when those end at 45 min and end at 70.
    expect(outcome.sim.now).toBe(70 * 60_000);
    expect(seen.at(-1)).toEqual({ now: 70 * 60_000, until: null, events: outcome.sim.log.size });
  });

  it('hands an event listener every event, those logged while the simulation was built included', () => {
    const streamed: unknown[] = [];
    const outcome = runScenario(SCENARIO, { onEvent: (e) => streamed.push(e) });
    const kept = runScenario(SCENARIO, { eventLog: { keep: 'all' } });
    expect(streamed).toEqual(kept.sim.events());
    expect(outcome.sim.log.size).toBe(streamed.length);
  });
});

describe('ProgressBar', () => {
  function terminal() {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 }) as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (chunk) => (text += String(chunk)));
    return { stream, text: () => text };
  }

  it('stays hidden for the first second, then shows simulated time and events per second', () => {
    const tty = terminal();
    let now = 0;
    const bar = new ProgressBar(tty.stream, () => now);
    now = 500;
    bar.update({ now: 60_000, until: 3_600_000, events: 1000 });
    expect(tty.text()).toBe('');
    now = 2000;
    bar.update({ now: 1_800_000, until: 3_600_000, events: 50_000 });
    // 50,000 events in 2 s of wall time; half of the hour simulated.
    expect(tty.text()).toContain('50% | 30m of 1h simulated | 25,000 events/s');
    bar.stop();
  });
});
