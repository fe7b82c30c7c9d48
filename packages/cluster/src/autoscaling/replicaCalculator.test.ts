import { describe, expect, it } from 'vitest';
import {
  averageValueReplicas,
  type CalculatorSettings,
  externalAverageReplicas,
  externalValueReplicas,
  type MetricSample,
  type PodSample,
  resourceReplicas,
} from './replicaCalculator.js';

/**
 * Conformance with kube's own table tests, kubernetes/kubernetes
 * pkg/controller/podautoscaler/replica_calculator_test.go (the `TestReplicaCalc*` cases named below):
 * the same pods, levels, targets and settings give the same replica counts and utilisations.
 *
 * kube's test harness, translated: the settings are its `defaultTesting*` constants (tolerance 0.1,
 * cpu initialisation 2 min, initial readiness 10 s); pods start at Go's zero time unless a case gives
 * `hotCPUCreationTime()` (now) or `coolCPUCreationTime()` (now − 3 min); the Ready condition carries no
 * transition time (zero); metric samples are stamped at zero time with a 1-minute window; every pod has
 * two containers, each with the request and the level given (so a pod requests and uses twice as much,
 * which changes no ratio). Levels are milli-units.
 */
const SETTINGS: CalculatorSettings = {
  tolerance: 0.1,
  cpuInitializationPeriod: 120_000,
  initialReadinessDelay: 10_000,
};
const NOW = 0;
/** Go's zero time, in Unix ms: long before now. */
const ZERO = -62_135_596_800_000;
const HOT = NOW;
const COOL = NOW - 180_000;

interface Case {
  readonly name: string;
  readonly current: number;
  readonly levels: readonly number[];
  readonly readiness?: readonly boolean[];
  readonly start?: readonly number[];
  readonly phase?: ReadonlyArray<PodSample['phase']>;
  readonly deleting?: readonly boolean[];
  readonly pods?: number;
}

function podsOf(c: Case, request: number): { pods: PodSample[]; metrics: Map<string, MetricSample> } {
  const n = Math.max(c.pods ?? c.current, c.phase?.length ?? 0);
  const pods: PodSample[] = [];
  for (let i = 0; i < n; i++) {
    pods.push({
      name: `test-pod-${i}`,
      phase: c.phase?.[i] ?? 'running',
      deleting: c.deleting?.[i] ?? false,
      ready: c.readiness?.[i] ?? true,
      startedAt: c.start?.[i] ?? ZERO,
      readyChangedAt: ZERO,
      request: 2 * request,
    });
  }
  const metrics = new Map<string, MetricSample>();
  c.levels.forEach((level, i) => {
    metrics.set(`test-pod-${i}`, { value: 2 * level, at: ZERO, window: 60_000 });
  });
  return { pods, metrics };
}

describe('resourceReplicas: kube replica_calculator_test.go, cpu utilisation (requests 1.0 = 1000m)', () => {
  const cases: Array<Case & { target: number; replicas: number; utilization: number }> = [
    // 300+500+700 = 1500 of 3000 → 50 %; 50/30 → ceil(1.667 × 3) = 5.
    { name: 'TestReplicaCalcScaleUp', current: 3, levels: [300, 500, 700], target: 30, replicas: 5, utilization: 50 },
    // pod 0 never ready: ignored; 1200/2000 = 60 % → ratio 2 > 1, so it counts at 0: 1200/3000 = 40 % → ceil(1.333 × 3) = 4.
    {
      name: 'TestReplicaCalcScaleUpUnreadyLessScale',
      current: 3,
      levels: [300, 500, 700],
      readiness: [false, true, true],
      target: 30,
      replicas: 4,
      utilization: 60,
    },
    // pod 0 started now (within the cpu initialisation period, sampled before a window since ready): as above.
    {
      name: 'TestReplicaCalcScaleUpHotCpuLessScale',
      current: 3,
      levels: [300, 500, 700],
      start: [HOT, COOL, COOL],
      target: 30,
      replicas: 4,
      utilization: 60,
    },
    // 400/1000 = 40 % → 1.333; with the two unready at 0: 400/3000 = 13 % → 0.433 < 1: direction flips, hold 3.
    {
      name: 'TestReplicaCalcScaleUpUnreadyNoScale',
      current: 3,
      levels: [400, 500, 700],
      readiness: [true, false, false],
      target: 30,
      replicas: 3,
      utilization: 40,
    },
    {
      name: 'TestReplicaCalcScaleHotCpuNoScale',
      current: 3,
      levels: [400, 500, 700],
      readiness: [true, false, false],
      start: [COOL, HOT, HOT],
      target: 30,
      replicas: 3,
      utilization: 40,
    },
    // failed pods are skipped: 1200/2000 = 60 % → ceil(2 × 2) = 4.
    {
      name: 'TestReplicaCalcScaleUpIgnoresFailedPods',
      current: 2,
      levels: [500, 700],
      readiness: [true, true, false, false],
      phase: ['running', 'running', 'failed', 'failed'],
      target: 30,
      replicas: 4,
      utilization: 60,
    },
    {
      name: 'TestReplicaCalcScaleUpIgnoresDeletionPods',
      current: 2,
      levels: [500, 700],
      readiness: [true, true, false, false],
      deleting: [false, false, true, true],
      pods: 4,
      target: 30,
      replicas: 4,
      utilization: 60,
    },
    // 1400/5000 = 28 % → 0.56 → ceil(0.56 × 5) = 3.
    {
      name: 'TestReplicaCalcScaleDown',
      current: 5,
      levels: [100, 300, 500, 250, 250],
      target: 50,
      replicas: 3,
      utilization: 28,
    },
    // the two unready pods are ignored (a scale-down does not count them): 900/3000 = 30 % → ceil(0.6 × 3) = 2.
    {
      name: 'TestReplicaCalcScaleDownIncludeUnreadyPods',
      current: 5,
      levels: [100, 300, 500, 250, 250],
      readiness: [true, true, true, false, false],
      target: 50,
      replicas: 2,
      utilization: 30,
    },
    // pending pods are ignored: 100/1000 = 10 % → ceil(0.2 × 1) = 1.
    {
      name: 'TestReplicaCalcScaleDownExcludeUnscheduledPods',
      current: 5,
      levels: [100],
      readiness: [true, false, false, false, false],
      phase: ['running', 'pending', 'pending', 'pending', 'pending'],
      target: 50,
      replicas: 1,
      utilization: 10,
    },
    {
      name: 'TestReplicaCalcScaleDownIgnoreHotCpuPods',
      current: 5,
      levels: [100, 300, 500, 250, 250],
      start: [COOL, COOL, COOL, HOT, HOT],
      target: 50,
      replicas: 2,
      utilization: 30,
    },
    {
      name: 'TestReplicaCalcScaleDownIgnoresFailedPods',
      current: 5,
      levels: [100, 300, 500, 250, 250],
      readiness: [true, true, true, true, true, false, false],
      phase: ['running', 'running', 'running', 'running', 'running', 'failed', 'failed'],
      target: 50,
      replicas: 3,
      utilization: 28,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { pods, metrics } = podsOf(c, 1000);
      expect(resourceReplicas(c.current, c.target, pods, metrics, true, NOW, SETTINGS)).toEqual({
        replicas: c.replicas,
        current: c.utilization,
      });
    });
  }
});

describe('averageValueReplicas: kube replica_calculator_test.go, per-pod custom metrics (qps, milli)', () => {
  const cases: Array<Case & { target: number; replicas: number; average: number }> = [
    // mean 20000 / 15000 = 1.333 → ceil(1.333 × 3) = 4.
    {
      name: 'TestReplicaCalcScaleUpCM',
      current: 3,
      levels: [20000, 10000, 30000],
      target: 15000,
      replicas: 4,
      average: 20000,
    },
    // readiness does not matter for a custom metric: mean 30000 / 15000 = 2 → 6.
    {
      name: 'TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale',
      current: 3,
      levels: [50000, 10000, 30000],
      readiness: [true, true, false],
      start: [COOL, COOL, HOT],
      target: 15000,
      replicas: 6,
      average: 30000,
    },
    // mean trunc(95000/3) = 31666 → 2.111 → ceil(6.33) = 7.
    {
      name: 'TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown',
      current: 3,
      levels: [50000, 15000, 30000],
      readiness: [false, true, false],
      start: [HOT, COOL, HOT],
      target: 15000,
      replicas: 7,
      average: 31666,
    },
    // 12000 / 20000 = 0.6 → 3.
    {
      name: 'TestReplicaCalcScaleDownCM',
      current: 5,
      levels: [12000, 12000, 12000, 12000, 12000],
      target: 20000,
      replicas: 3,
      average: 12000,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pods = podsOf(c, 0).pods;
      const metrics = new Map<string, MetricSample>();
      c.levels.forEach((value, i) => {
        metrics.set(`test-pod-${i}`, { value, at: ZERO, window: 60_000 });
      });
      expect(averageValueReplicas(c.current, c.target, pods, metrics, NOW, SETTINGS)).toEqual({
        replicas: c.replicas,
        current: c.average,
      });
    });
  }
});

describe('external metrics: kube replica_calculator_test.go', () => {
  it('TestReplicaCalcScaleUpCMExternal: 8600 / 4400 = 1.95 with one ready pod → 2', () => {
    expect(externalValueReplicas(1, 4400, 8600, 1, SETTINGS)).toEqual({ replicas: 2, current: 8600 });
  });
  it('TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods: only the one ready pod of 3 counts → 2, not 6', () => {
    expect(externalValueReplicas(3, 4400, 8600, 1, SETTINGS)).toEqual({ replicas: 2, current: 8600 });
  });
  it('TestReplicaCalcScaleDownCMExternal: 8600 / 14334 = 0.6 × 5 ready → 3', () => {
    expect(externalValueReplicas(5, 14334, 8600, 5, SETTINGS)).toEqual({ replicas: 3, current: 8600 });
  });
  it('TestReplicaCalcScaleUpPerPodCMExternal: ceil(8600 / 2150) = 4; per pod ceil(8600 / 3) = 2867', () => {
    expect(externalAverageReplicas(3, 2150, 8600, SETTINGS)).toEqual({ replicas: 4, current: 2867 });
  });
  it('TestReplicaCalcScaleDownPerPodCMExternal: ceil(8600 / 2867) = 3; per pod 1720', () => {
    expect(externalAverageReplicas(5, 2867, 8600, SETTINGS)).toEqual({ replicas: 3, current: 1720 });
  });
  it('from zero replicas the tolerance does not apply: ceil(total / target)', () => {
    expect(externalValueReplicas(0, 100, 1, 0, SETTINGS)).toEqual({ replicas: 1, current: 1 });
    expect(externalValueReplicas(0, 100, 0, 0, SETTINGS)).toEqual({ replicas: 0, current: 0 });
  });
});

describe('tolerance', () => {
  it('holds the replicas while |1 − ratio| ≤ 0.1 and moves them just outside', () => {
    const pods = podsOf({ name: 't', current: 4, levels: [] }, 1000).pods;
    const at = (level: number) => {
      const metrics = new Map(pods.map((p) => [p.name, { value: 2 * level, at: ZERO, window: 60_000 }] as const));
      return resourceReplicas(4, 50, pods, metrics, true, NOW, SETTINGS);
    };
    // 54 % of a 50 % target: ratio 1.08, inside the band; 56 %: 1.12 → ceil(4.48) = 5.
    expect(at(540)).toEqual({ replicas: 4, current: 54 });
    expect(at(560)).toEqual({ replicas: 5, current: 56 });
    // Exactly 55 %: in float64 (Go's too) |1 − 55/50| = 0.10000000000000009 > 0.1, so kube scales: ceil(4.4) = 5.
    expect(at(550)).toEqual({ replicas: 5, current: 55 });
    // 45 %: 0.9, inside; 44 %: 0.88 → ceil(3.52) = 4: the band's edge gives no change either way.
    expect(at(450)).toEqual({ replicas: 4, current: 45 });
    expect(at(400)).toEqual({ replicas: 4, current: 40 });
    expect(at(370)).toEqual({ replicas: 3, current: 37 });
  });
  it('reports an error when no ready pod has a metric', () => {
    const pods = podsOf({ name: 't', current: 2, levels: [] }, 1000).pods;
    expect(resourceReplicas(2, 50, pods, new Map(), true, NOW, SETTINGS)).toEqual({
      error: 'did not receive metrics for any ready pods',
    });
  });
});
