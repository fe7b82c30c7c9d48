import { describe, expect, it } from 'vitest';
import {
  type BehaviorState,
  createBehaviorState,
  DEFAULT_BEHAVIOR,
  limitByRate,
  type ScalingBehavior,
  type ScalingRules,
  scaleDownLimit,
  stabilize,
} from './scalingBehavior.js';

/**
 * Conformance with kube's own tables, kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal_test.go: `TestScalingWithRules` (rate policies, min/max and
 * the ScalingLimited reason), `TestNormalizeDesiredReplicas` (the stabilisation window) and
 * `TestCalculateScaleDownLimitWithBehaviors...` cases. kube's `generateScalingRules(pods, podsPeriod,
 * percent, percentPeriod, window)` and `generateEventsUniformDistribution(events, period)` are
 * rebuilt below; an unset rule takes kube's default behaviour.
 */
const NOW = 10_000_000;

function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number): ScalingRules {
  const policies = [];
  if (pods !== 0) policies.push({ type: 'Pods' as const, value: pods, period: podsPeriod * 1000 });
  if (percent !== 0) policies.push({ type: 'Percent' as const, value: percent, period: percentPeriod * 1000 });
  return { stabilizationWindow: window * 1000, selectPolicy: 'Max', policies };
}

/** Events spread evenly over the last `period` s, each at the middle of its slice (kube's helper). */
function uniform(changes: readonly number[], period: number): Array<{ change: number; at: number }> {
  const slice = period / changes.length;
  return changes.map((change, i) => ({ change, at: NOW - (period - slice * (i + 1) + slice / 2) * 1000 }));
}

interface RuleCase {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly current: number;
  readonly desired: number;
  readonly up?: ScalingRules;
  readonly down?: ScalingRules;
  readonly upEvents?: Array<{ change: number; at: number }>;
  readonly replicas: number;
  readonly reason: string;
}

describe('limitByRate: kube horizontal_test.go TestScalingWithRules', () => {
  const cases: RuleCase[] = [
    {
      name: 'prenormalized desired replicas within range',
      current: 5,
      desired: 7,
      min: 3,
      max: 8,
      replicas: 7,
      reason: 'DesiredWithinRange',
    },
    {
      name: 'prenormalized desired replicas < minReplicas',
      current: 3,
      desired: 1,
      min: 2,
      max: 8,
      replicas: 2,
      reason: 'TooFewReplicas',
    },
    {
      name: 'prenormalized desired replicas within range when minReplicas is 0',
      current: 1,
      desired: 0,
      min: 0,
      max: 10,
      replicas: 0,
      reason: 'DesiredWithinRange',
    },
    {
      name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit',
      current: 20,
      desired: 1000,
      min: 1,
      max: 10,
      replicas: 10,
      reason: 'TooManyReplicas',
    },
    {
      name: 'desired replica count is more than the maximum replica count',
      current: 100,
      desired: 1000,
      min: 100,
      max: 150,
      replicas: 150,
      reason: 'TooManyReplicas',
    },
    // ceil(3 × 1.01) = 4.
    {
      name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies',
      current: 3,
      desired: 1000,
      min: 1,
      max: 2000,
      up: rules(0, 0, 1, 60, 0),
      replicas: 4,
      reason: 'ScaleUpLimit',
    },
    {
      name: 'scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies',
      current: 1000,
      desired: 3,
      min: 3,
      max: 2000,
      down: rules(20, 60, 0, 0, 0),
      replicas: 980,
      reason: 'ScaleDownLimit',
    },
    // default: max(10 + 4, 10 × 2) = 20.
    {
      name: 'scaleUp with default behavior',
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      replicas: 20,
      reason: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with pods policy larger than percent policy',
      current: 10,
      desired: 500,
      min: 1,
      max: 1000,
      up: rules(100, 60, 100, 60, 0),
      replicas: 110,
      reason: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy larger than pods policy',
      current: 10,
      desired: 500,
      min: 1,
      max: 1000,
      up: rules(2, 60, 100, 60, 0),
      replicas: 20,
      reason: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy',
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      up: rules(100, 60, 0, 0, 0),
      replicas: 50,
      reason: 'DesiredWithinRange',
    },
    {
      name: 'scaleUp with pod policy limitation',
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      up: rules(30, 60, 0, 0, 0),
      replicas: 40,
      reason: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy limitation',
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      up: rules(0, 0, 200, 60, 0),
      replicas: 30,
      reason: 'ScaleUpLimit',
    },
    // max(100 − 20, trunc(100 × 0.99) = 99) under Max selects the larger change: 80.
    {
      name: 'scaleDown with percent policy larger than pod policy',
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      down: rules(20, 60, 1, 60, 300),
      replicas: 80,
      reason: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with pod policy larger than percent policy',
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      down: rules(2, 60, 1, 60, 300),
      replicas: 98,
      reason: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large pod policy',
      current: 10,
      desired: 0,
      min: 1,
      max: 1000,
      down: rules(100, 60, 0, 0, 300),
      replicas: 1,
      reason: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large percent policy',
      current: 10,
      desired: 2,
      min: 5,
      max: 1000,
      down: rules(0, 0, 100, 60, 300),
      replicas: 5,
      reason: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with pod policy limitation',
      current: 10,
      desired: 2,
      min: 1,
      max: 1000,
      down: rules(5, 60, 0, 0, 300),
      replicas: 5,
      reason: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with percent policy limitation',
      current: 10,
      desired: 5,
      min: 1,
      max: 1000,
      down: rules(0, 0, 50, 60, 300),
      replicas: 5,
      reason: 'DesiredWithinRange',
    },
    // events 1, 5, 9 over the last 120 s: the period started at 100 − 15 = 85; 85 + 300 > 200.
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events',
      current: 100,
      desired: 500,
      min: 1,
      max: 200,
      up: rules(300, 60, 0, 0, 0),
      upEvents: uniform([1, 5, 9], 120),
      replicas: 200,
      reason: 'TooManyReplicas',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events',
      current: 100,
      desired: 500,
      min: 1,
      max: 200,
      up: rules(0, 0, 10000, 60, 0),
      upEvents: uniform([1, 5, 9], 120),
      replicas: 200,
      reason: 'TooManyReplicas',
    },
    // 85 + 5 = 90 < 100: no scale-up until the events age out.
    {
      name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events',
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      up: rules(5, 120, 0, 0, 0),
      upEvents: uniform([1, 5, 9], 120),
      replicas: 100,
      reason: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with pod policy and previous scale up events',
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      up: rules(150, 120, 0, 0, 0),
      upEvents: uniform([1, 5, 9], 120),
      replicas: 235,
      reason: 'ScaleUpLimit',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const behavior: ScalingBehavior = {
        scaleUp: c.up ?? DEFAULT_BEHAVIOR.scaleUp,
        scaleDown: c.down ?? DEFAULT_BEHAVIOR.scaleDown,
      };
      const state: BehaviorState = { ...createBehaviorState(), scaleUps: c.upEvents ?? [] };
      expect(limitByRate(c.current, c.desired, c.min, c.max, state, behavior, NOW)).toEqual({
        replicas: c.replicas,
        reason: c.reason,
      });
    });
  }
});

describe('stabilize: kube horizontal_test.go TestNormalizeDesiredReplicas (5-minute scale-down window)', () => {
  const minute = 60_000;
  const cases = [
    { name: 'empty log', recs: [], desired: 5, expected: 5, log: 1 },
    {
      name: 'stabilize',
      recs: [
        [4, 2],
        [5, 1],
      ],
      desired: 3,
      expected: 5,
      log: 3,
    },
    {
      name: 'no stabilize',
      recs: [
        [1, 2],
        [2, 1],
      ],
      desired: 3,
      expected: 3,
      log: 3,
    },
    {
      name: 'no stabilize - old recommendations',
      recs: [
        [10, 10],
        [9, 9],
      ],
      desired: 3,
      expected: 3,
      log: 2,
    },
    {
      name: 'stabilize - old recommendations',
      recs: [
        [10, 10],
        [4, 1],
        [5, 2],
        [9, 9],
      ],
      desired: 3,
      expected: 5,
      log: 4,
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const state = createBehaviorState();
      for (const [replicas, ago] of c.recs) state.recommendations.push({ replicas, at: NOW - ago * minute });
      // kube's table has no current count (its legacy path takes the window's highest recommendation);
      // from 10 replicas, a scale-down, the behaviour path gives the same answers.
      expect(stabilize(10, c.desired, state, DEFAULT_BEHAVIOR, NOW)).toBe(c.expected);
      expect(state.recommendations.length).toBe(c.log);
    });
  }
});

describe('scaleDownLimit: kube horizontal_test.go TestCalculateScaleDownLimitWithBehaviors', () => {
  it('Min selects the smallest change: max(5 − 2, trunc(5 × 0.5)) = 3', () => {
    const state = createBehaviorState();
    const r: ScalingRules = {
      stabilizationWindow: 300_000,
      selectPolicy: 'Min',
      policies: [
        { type: 'Pods', value: 2, period: 60_000 },
        { type: 'Percent', value: 50, period: 60_000 },
      ],
    };
    expect(scaleDownLimit(5, state, r, NOW)).toBe(3);
  });
  it('Disabled allows no change', () => {
    const r: ScalingRules = { stabilizationWindow: 0, selectPolicy: 'Disabled', policies: [] };
    expect(scaleDownLimit(5, createBehaviorState(), r, NOW)).toBe(5);
    expect(limitByRate(5, 9, 1, 10, createBehaviorState(), { scaleUp: r, scaleDown: r }, NOW)).toEqual({
      replicas: 5,
      reason: 'ScaleUpLimit',
    });
  });
});
