import { describe, expect, it } from 'vitest';
import {
  ConcurrencyWindow,
  checkKnativeSettings,
  createKnativeDecider,
  KNATIVE_DEFAULTS,
  knativeDecision,
} from './knativeAutoscaler.js';

const K = KNATIVE_DEFAULTS;

describe("Knative's pod autoscaler decision (pkg/autoscaler/scaling/autoscaler.go)", () => {
  it("has Knative's defaults (config-autoscaler)", () => {
    expect(K).toEqual({
      stableWindowMs: 60_000,
      panicWindowShare: 0.1,
      panicThreshold: 2,
      targetShare: 0.7,
      defaultTarget: 100,
      tickMs: 2000,
      scaleToZeroGraceMs: 30_000,
      maxScaleUpRate: 1000,
      maxScaleDownRate: 2,
    });
  });

  it('stable mode: ceil(average / (concurrency × 70%)) pods', () => {
    const d = createKnativeDecider();
    // Concurrency 10 → target 7 per pod. Stable 20 in flight → ceil(20/7) = 3; the panic window's 20
    // over 2 ready pods wants 3, 1.5× the pods: under the 200% threshold.
    expect(knativeDecision(K, d, 2000, 2, 10, 20, 20)).toBe(3);
    expect(d.panicking).toBe(false);
    // Unlimited concurrency (0): target 100 × 70% = 70 per pod. ceil(150/70) = 3.
    expect(knativeDecision(K, d, 4000, 3, Number.POSITIVE_INFINITY, 150, 150)).toBe(3);
  });

  it('panics when the panic window wants twice the ready pods, and never scales down while panicking', () => {
    const d = createKnativeDecider();
    // The test vector of the reference notes: concurrency 10 (target 7), 1 ready pod, 15 in flight over
    // the panic window: ceil(15/7) = 3 pods, 3/1 ≥ 2: panic, jump to 3 (the stable average is only 2).
    expect(knativeDecision(K, d, 10_000, 1, 10, 2, 15)).toBe(3);
    expect(d).toMatchObject({ panicking: true, panicTime: 10_000, maxPanicPods: 3 });
    // Demand falls: the stable window wants 1, but panic holds the count at 3 ...
    expect(knativeDecision(K, d, 12_000, 3, 10, 5, 5)).toBe(3);
    expect(knativeDecision(K, d, 69_998, 3, 10, 5, 5)).toBe(3);
    // ... until 60 s (the stable window) after the last tick over the threshold.
    expect(knativeDecision(K, d, 70_000, 3, 10, 5, 5)).toBe(1);
    expect(d.panicking).toBe(false);
  });

  it('a tick over the threshold while panicking extends the panic', () => {
    const d = createKnativeDecider();
    knativeDecision(K, d, 0, 1, 10, 2, 15);
    // At 50 s, 3 ready pods and 45 in flight over the panic window: ceil(45/7) = 7 ≥ 2 × 3.
    expect(knativeDecision(K, d, 50_000, 3, 10, 10, 45)).toBe(7);
    expect(d.panicTime).toBe(50_000);
    expect(knativeDecision(K, d, 100_000, 7, 10, 1, 1)).toBe(7);
    // Panic over (110 s ≥ 50 s + 60 s): the stable want, 1, is held to floor(7 / 2) = 3 by the scale-down rate.
    expect(knativeDecision(K, d, 110_000, 7, 10, 1, 1)).toBe(3);
  });

  it('limits one decision: up by max-scale-up-rate × ready pods, down to ready / max-scale-down-rate', () => {
    const d = createKnativeDecider();
    // 10 ready pods, nothing in flight: at most halved → floor(10/2) = 5.
    expect(knativeDecision(K, d, 0, 10, 10, 0, 0)).toBe(5);
    // With max-scale-up-rate 2: 1 ready pod may become ceil(2 × 1) = 2, whatever the demand.
    const slow = { ...K, maxScaleUpRate: 2 };
    expect(knativeDecision(slow, createKnativeDecider(), 0, 1, 10, 70, 0)).toBe(2);
    // One ready pod and no demand: floor(1/2) = 0, scale to zero is allowed.
    expect(knativeDecision(K, createKnativeDecider(), 0, 1, 10, 0, 0)).toBe(0);
  });

  it('checks settings as Knative does', () => {
    expect(() => checkKnativeSettings({ ...K, maxScaleUpRate: 1 })).toThrow(/maxScaleUpRate/);
    expect(() => checkKnativeSettings({ ...K, tickMs: 0 })).toThrow(/tickMs/);
  });
});

describe('ConcurrencyWindow', () => {
  it('averages in-flight requests over trailing windows from 1-second buckets', () => {
    const w = new ConcurrencyWindow(60_000, 0);
    w.change(0, 3);
    expect(w.average(10_000, 60_000)).toBeCloseTo(3, 9);
    w.change(10_000, 0);
    // 3 for 10 s then 0 for 50 s: 0.5 over the minute; the last 6 s saw nothing.
    expect(w.average(60_000, 60_000)).toBeCloseTo(0.5, 9);
    expect(w.average(60_000, 6000)).toBe(0);
    w.change(60_000, 12);
    expect(w.average(63_000, 6000)).toBeCloseTo(6, 9);
    // Long after, the old buckets are forgotten.
    w.change(63_000, 0);
    expect(w.average(600_000, 60_000)).toBe(0);
  });
});
