import { parseScenario } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { CLOUDSIM_SIZE, cloudsimShapeScenario, REPLAY_HORIZON_MS } from './cloudsimShape.js';
import { runReplay } from './runReplay.js';

describe('the CloudSim Plus comparison shape', () => {
  it('has 20,000 hosts, 40,000 long-running containers and 50,000 batch tasks at full size', () => {
    const scenario = parseScenario(cloudsimShapeScenario(CLOUDSIM_SIZE));
    expect(scenario.hosts.reduce((n, g) => n + g.count, 0)).toBe(20_000);
    const replicas = Object.values(scenario.services).reduce((n, s) => n + s.replicas, 0);
    expect(replicas).toBe(40_000);
    const tasks = Object.values(scenario.jobs).flatMap((j) => j.tasks);
    expect(tasks.reduce((n, t) => n + t.count, 0)).toBe(50_000);
    // Every task ends before the horizon: the last job arrives before 1 h and runs at most 30 min.
    const lastSubmit = Math.max(...Object.values(scenario.jobs).map((j) => j.submitAt));
    expect(lastSubmit + Math.max(...tasks.map((t) => t.duration))).toBeLessThan(REPLAY_HORIZON_MS);
    expect(scenario.scheduler.strategy).toBe('first-fit');
  });

  it('replays at a small size with every container placed at its first attempt', () => {
    const run = runReplay(cloudsimShapeScenario({ hosts: 40, longRunning: 130, batchTasks: 250 }), 380);
    expect(run).toMatchObject({ placed: 380, attempts: 380 });
    expect(run.totalSeconds).toBeGreaterThan(0);
  });

  it('throws when the replay leaves containers unplaced', () => {
    // 2 hosts (48 cpu) cannot hold 100 tasks of 1 cpu at once.
    expect(() => runReplay(cloudsimShapeScenario({ hosts: 2, longRunning: 1, batchTasks: 100 }), 101)).toThrow(
      /expected 101 containers placed at their first attempt/,
    );
  });
});
