import { describe, expect, it } from 'vitest';
import { StepSeries } from './StepSeries.js';

describe('StepSeries', () => {
  it('keeps one step per instant holding its last value, and drops changes back to the current value', () => {
    const s = new StepSeries(0, 0);
    s.add(10, 1);
    s.add(10, 1); // 2 at 10
    s.add(20, 1);
    s.add(20, -1); // back to 2 at 20: no step
    s.set(30, 5);
    s.set(30, 2); // returns to the value before the instant: the step at 30 goes
    expect(s.points(40)).toEqual([
      { at: 0, value: 0 },
      { at: 10, value: 2 },
      { at: 40, value: 2 },
    ]);
    expect(s.current).toBe(2);
  });

  it('closes with a point at the end only when the end is after the last step', () => {
    const s = new StepSeries(0, 1);
    s.set(5, 3);
    expect(s.points(5)).toEqual([
      { at: 0, value: 1 },
      { at: 5, value: 3 },
    ]);
  });

  it('downsamples to the per-bucket maximum so a short peak survives', () => {
    const s = new StepSeries(0, 0);
    // A one-millisecond burst to 50 inside the third of four 25-ms buckets, steps of 1 elsewhere.
    for (let t = 1; t < 100; t++) s.set(t, t === 60 ? 50 : t % 2);
    const points = s.points(100, 5);
    expect(points).toHaveLength(5);
    expect(points.map((p) => p.at)).toEqual([0, 25, 50, 75, 100]);
    // Bucket [50, 75) holds the burst; the others peak at 1. The last point is the final value (99 % 2).
    expect(points.map((p) => p.value)).toEqual([1, 1, 50, 1, 1]);
  });

  it('a step ending on a bucket edge does not raise the next bucket', () => {
    const s = new StepSeries(0, 9);
    s.set(50, 0);
    for (let t = 51; t < 100; t++) s.set(t, t % 2);
    expect(s.points(100, 3).map((p) => p.value)).toEqual([9, 1, 1]);
  });
});
