import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { createRandom } from '../random/createRandom.js';
import { LatencyHistogram } from './LatencyHistogram.js';

describe('LatencyHistogram', () => {
  it('is exact where buckets are one unit wide: 1..100 ms at lowest 1', () => {
    // With 3 digits the first 2048 units have unit-wide buckets, so nearest rank is exact:
    // p50 is the 50th value, p90 the 90th, p99 the 99th, p99.9 rounds up to the 100th.
    const h = new LatencyHistogram({ lowest: 1 });
    for (let v = 1; v <= 100; v++) h.record(v);
    expect(h.summary()).toEqual({ count: 100, mean: 50.5, p50: 50, p90: 90, p99: 99, p999: 100, max: 100 });
    expect(h.percentile(0)).toBe(1);
    expect(h.percentile(100)).toBe(100);
    expect(h.min()).toBe(1);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h.summary());
  });

  it('keeps 3 significant digits by default and errs high: p50 of 1..1000 ms is 500 to 500.5 ms', () => {
    const h = new LatencyHistogram();
    for (let v = 1; v <= 1000; v++) h.record(v);
    // 500 ms = 500,000 µs lies in [2^18, 2^19) µs, split into 1024 buckets 256 µs wide; its bucket is
    // 1953 × 256 = 499,968 .. 500,223 µs and HDR reports the top: 500.223 ms, 0.045% high.
    expect(h.percentile(50)).toBeGreaterThanOrEqual(500);
    expect(h.percentile(50)).toBeLessThanOrEqual(500 * 1.001);
    expect(h.percentile(50)).toBeCloseTo(500.223, 9);
    expect(h.mean()).toBe(500.5);
    expect(h.max()).toBe(1000);
  });

  it('reports NaN for an empty histogram', () => {
    const h = new LatencyHistogram();
    expect(h.count).toBe(0);
    for (const v of [h.mean(), h.min(), h.max(), h.percentile(50)]) expect(v).toBeNaN();
    expect(h.summary().count).toBe(0);
    expect(h.summary().p99).toBeNaN();
  });

  it('clamps percentiles into the exact [min, max], so one sample reads back exactly', () => {
    const h = new LatencyHistogram();
    h.record(0.0004); // below the 1 µs resolution: bucketed as 0
    expect(h.percentile(0)).toBe(0.0004);
    expect(h.percentile(100)).toBe(0.0004);
    h.record(12_345.678);
    expect(h.percentile(100)).toBe(12_345.678);
  });

  it('recordMany equals as many calls of record', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.recordMany(3.5, 4);
    a.recordMany(9, 0);
    a.recordMany(120, 1);
    for (let i = 0; i < 4; i++) b.record(3.5);
    b.record(120);
    expect(a.summary()).toEqual(b.summary());
    expect(a.min()).toBe(3.5);
  });

  it('grows past `highest` instead of clamping, up to highestTrackable', () => {
    const h = new LatencyHistogram({ highest: 1000 });
    h.record(10);
    h.record(3.6e9); // 1,000 hours
    expect(h.percentile(100)).toBe(3.6e9);
    const p75 = h.percentile(75);
    expect(Math.abs(p75 - 3.6e9) / 3.6e9).toBeLessThanOrEqual(1e-3);
    // 10,000 µs: bucket 8 µs wide, 10,000 .. 10,007 µs.
    expect(h.percentile(50)).toBeCloseTo(10.007, 9);
    expect(h.highestTrackable).toBeCloseTo(Number.MAX_SAFE_INTEGER / 1000, 0);
    h.record(h.highestTrackable);
    expect(h.max()).toBe(h.highestTrackable);
    expect(Math.abs(h.percentile(99) - h.highestTrackable) / h.highestTrackable).toBeLessThanOrEqual(1e-3);
    expect(() => h.record(h.highestTrackable * 1.001)).toThrow(/→ at value/);
  });

  it('merge adds the other histogram, which stays unchanged', () => {
    const a = new LatencyHistogram({ highest: 10 });
    const b = new LatencyHistogram({ highest: 100_000 });
    const all = new LatencyHistogram();
    for (let v = 1; v <= 50; v++) {
      a.record(v / 7);
      all.record(v / 7);
      b.record(v * 311);
      all.record(v * 311);
    }
    a.merge(b);
    a.merge(new LatencyHistogram());
    expect(a.count).toBe(100);
    expect(b.count).toBe(50);
    expect(a.summary()).toEqual({ ...all.summary(), mean: a.mean() });
    expect(a.mean()).toBeCloseTo(all.mean(), 9);
    expect(a.min()).toBe(1 / 7);
    expect(a.max()).toBe(50 * 311);
  });

  it('refuses to merge histograms whose buckets mean different values', () => {
    const a = new LatencyHistogram();
    expect(() => a.merge(new LatencyHistogram({ lowest: 0.01 }))).toThrow(/→ at other/);
    expect(() => a.merge(new LatencyHistogram({ significantDigits: 2 }))).toThrow(/significantDigits/);
  });

  it('reset forgets every value', () => {
    const h = new LatencyHistogram();
    h.record(5);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.max()).toBeNaN();
    h.record(2);
    expect(h.summary()).toEqual({ count: 1, mean: 2, p50: 2, p90: 2, p99: 2, p999: 2, max: 2 });
  });

  it('rejects bad arguments, naming each', () => {
    const h = new LatencyHistogram();
    for (const v of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(() => h.record(v)).toThrow(ConfigError);
      expect(() => h.record(v)).toThrow(/→ at value/);
    }
    expect(() => h.recordMany(-0.5, 1)).toThrow(/→ at value/);
    for (const c of [-1, 1.5, Number.NaN]) expect(() => h.recordMany(1, c)).toThrow(/→ at count/);
    for (const p of [-0.1, 100.1, Number.NaN]) expect(() => h.percentile(p)).toThrow(/→ at p/);
    expect(h.count).toBe(0);
    for (const d of [0, 6, 2.5])
      expect(() => new LatencyHistogram({ significantDigits: d })).toThrow(/→ at significantDigits/);
    for (const l of [0, -1, Number.NaN]) expect(() => new LatencyHistogram({ lowest: l })).toThrow(/→ at lowest/);
    expect(() => new LatencyHistogram({ lowest: 1, highest: 1.5 })).toThrow(/→ at highest/);
  });
});

describe('LatencyHistogram record path', () => {
  it('gives the same percentiles as recording straight into the HDR histogram', () => {
    const stream = createRandom(11).stream('values');
    const fast = new LatencyHistogram({ highest: 1000 });
    const direct = new LatencyHistogram({ highest: 1000 });
    for (let i = 0; i < 20_000; i++) {
      // Zeros, sub-resolution values, the whole range, and values past `highest` (which resize).
      const kind = i % 4;
      const v =
        kind === 0
          ? 0
          : kind === 1
            ? stream.uniform(0, 0.002)
            : kind === 2
              ? stream.exponential(50)
              : stream.uniform(900, 5000);
      fast.record(v);
      direct.recordMany(v, 1);
    }
    for (const p of [0, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100])
      expect(fast.percentile(p)).toBe(direct.percentile(p));
    // Reading in between, then recording more, keeps them equal.
    for (let i = 0; i < 1000; i++) {
      const v = stream.exponential(3);
      fast.record(v);
      direct.recordMany(v, 1);
    }
    expect(fast.summary()).toEqual(direct.summary());
    const merged = new LatencyHistogram({ highest: 1000 });
    merged.record(7);
    merged.merge(fast);
    const mergedDirect = new LatencyHistogram({ highest: 1000 });
    mergedDirect.recordMany(7, 1);
    mergedDirect.merge(direct);
    expect(merged.summary()).toEqual(mergedDirect.summary());
    fast.reset();
    expect(fast.count).toBe(0);
    fast.record(2);
    expect(fast.percentile(50)).toBe(2);
  });
});
