import { describe, expect, it } from 'vitest';
import type { KeepAliveWindows } from '../KeepAlivePolicy.js';
import { fixedKeepAlive } from './fixedKeepAlive.js';
import { HYBRID_HISTOGRAM_DEFAULTS, hybridHistogram } from './hybridHistogram.js';
import { noKeepAlive } from './noKeepAlive.js';

const MIN = 60_000;
const HOUR = 3_600_000;

function windows(observe: (record: (idleMs: number) => void) => void, options = {}): KeepAliveWindows {
  const policy = hybridHistogram(options);
  const state = policy.createState();
  observe((idle) => policy.observe(state, idle));
  const out = { prewarmMs: -1, keepAliveMs: -1 };
  policy.windows(state, out);
  return out;
}

describe('hybrid histogram keep-alive (Shahrad et al., ATC 2020)', () => {
  it("uses the paper's parameters by default", () => {
    expect(HYBRID_HISTOGRAM_DEFAULTS).toEqual({
      rangeMs: 4 * HOUR,
      binMs: MIN,
      head: 0.05,
      tail: 0.99,
      cvThreshold: 2,
      oobThreshold: 0.5,
      histogramMargin: 0.1,
      forecastMargin: 0.15,
    });
  });

  it('with no idle time yet, keeps an instance for the whole range (the not-representative fallback)', () => {
    expect(windows(() => {})).toEqual({ prewarmMs: 0, keepAliveMs: 4 * HOUR });
  });

  it('a representative histogram: pre-warm at the head bin less 10%, keep alive to the tail bin end plus 10%', () => {
    // 100 idle times of 10.5 min all fall in bin 10 of 240: bin counts [0 × 10, 100, 0 × 229], whose
    // CV is sqrt(239) ≈ 15.5 ≥ 2. Head = tail = bin 10:
    // pre-warm = 10 × 60 s × 0.9 = 540 s; keep-alive = (10 + 1) × 60 s × 1.1 = 726 s.
    const w = windows((record) => {
      for (let i = 0; i < 100; i++) record(10.5 * MIN);
    });
    expect(w.prewarmMs).toBeCloseTo(540_000, 6);
    expect(w.keepAliveMs).toBeCloseTo(726_000, 6);
  });

  it('head and tail are the 5th and 99th percentile bins', () => {
    // 5 idle times in bin 2, 90 in bin 30, 5 in bin 100: the 5th percentile (5 of 100) is reached in
    // bin 2, the 99th (99 of 100) in bin 100. CV of the counts ≈ 5.7.
    const w = windows((record) => {
      for (let i = 0; i < 5; i++) record(2 * MIN + 1);
      for (let i = 0; i < 90; i++) record(30 * MIN + 1);
      for (let i = 0; i < 5; i++) record(100 * MIN + 1);
    });
    expect(w.prewarmMs).toBeCloseTo(2 * MIN * 0.9, 6);
    expect(w.keepAliveMs).toBeCloseTo(101 * MIN * 1.1, 6);
  });

  it('a histogram spread evenly over the range is not representative: keep-alive = the range, no pre-warm', () => {
    // One idle time in every bin: the counts have CV 0 < 2.
    const w = windows((record) => {
      for (let b = 0; b < 240; b++) record(b * MIN + 30_000);
    });
    expect(w).toEqual({ prewarmMs: 0, keepAliveMs: 4 * HOUR });
  });

  it('is representative after a single idle time; falls back only while idle times spread evenly over more than 48 bins', () => {
    // One count in one of 240 bins: mean 1/240, variance 1/240 − 1/240², CV = sqrt(239) ≈ 15.5 ≥ 2.
    // So the fallback (the whole range, no pre-warm) holds only until a function's first idle time.
    const one = windows((record) => record(5.5 * MIN));
    expect(one.prewarmMs).toBeCloseTo(5 * MIN * 0.9, 6);
    expect(one.keepAliveMs).toBeCloseTo(6 * MIN * 1.1, 6);
    // Counts spread evenly over m bins: CV² = 240/m − 1, below 4 once m > 48.
    const even = (m: number) =>
      windows((record) => {
        for (let b = 0; b < m; b++) record(b * MIN + 30_000);
      });
    expect(even(40).keepAliveMs).toBeCloseTo(40 * MIN * 1.1, 6); // CV = sqrt(5): the histogram's window
    expect(even(60)).toEqual({ prewarmMs: 0, keepAliveMs: 4 * HOUR }); // CV = sqrt(3): the fallback
  });

  it('short idle times (a busy function): no pre-warm, keep alive to the 99th percentile bin end plus 10%', () => {
    // Idle times of 10 s to 2.5 min, as an API called about twice a minute has: 80 in bin 0, 15 in
    // bin 1, 5 in bin 2. The 5th percentile is in bin 0 (no pre-warm), the 99th in bin 2:
    // keep-alive = (2 + 1) × 60 s × 1.1 = 198 s.
    const w = windows((record) => {
      for (let i = 0; i < 80; i++) record(10_000 + 500 * i);
      for (let i = 0; i < 15; i++) record(MIN + 2_000 * i);
      for (let i = 0; i < 5; i++) record(2 * MIN + 5_000 * i);
    });
    expect(w).toEqual({ prewarmMs: 0, keepAliveMs: expect.closeTo(198_000, 6) });
  });

  it('mostly idle beyond the range: a window around the forecast idle time (pre-warm 0.85p, keep-alive 0.30p)', () => {
    // Idle times of 5 h every time: the AR(1) fit has no variance, so the forecast is the mean, 5 h.
    const w = windows((record) => {
      for (let i = 0; i < 10; i++) record(5 * HOUR);
    });
    expect(w.prewarmMs).toBeCloseTo(0.85 * 5 * HOUR, 6);
    expect(w.keepAliveMs).toBeCloseTo(0.3 * 5 * HOUR, 6);
  });

  it('the forecast follows an AR(1) fit: alternating idle times predict a swing back', () => {
    // Series 5 h, 7 h, 5 h, 7 h, 5 h: mean 5.8 h, lag-1 autocorrelation strongly negative, so after a
    // 5 h idle time the forecast is above the mean.
    const series = [5, 7, 5, 7, 5].map((h) => h * HOUR);
    const w = windows((record) => {
      for (const x of series) record(x);
    });
    const mean = series.reduce((a, b) => a + b, 0) / series.length;
    let num = 0;
    let den = 0;
    for (let t = 0; t < series.length; t++) den += (series[t]! - mean) ** 2;
    for (let t = 0; t + 1 < series.length; t++) num += (series[t]! - mean) * (series[t + 1]! - mean);
    const p = mean + Math.max(-1, Math.min(1, num / den)) * (series.at(-1)! - mean);
    expect(p).toBeGreaterThan(mean);
    expect(w.prewarmMs).toBeCloseTo(0.85 * p, 3);
    expect(w.keepAliveMs).toBeCloseTo(0.3 * p, 3);
  });

  it('one state per function: two functions learn apart', () => {
    const policy = hybridHistogram();
    const a = policy.createState();
    const b = policy.createState();
    for (let i = 0; i < 50; i++) policy.observe(a, 10.5 * MIN);
    const out = { prewarmMs: 0, keepAliveMs: 0 };
    policy.windows(b, out);
    expect(out).toEqual({ prewarmMs: 0, keepAliveMs: 4 * HOUR });
  });

  it('rejects parameters out of range, naming them', () => {
    expect(() => hybridHistogram({ rangeMs: 0 })).toThrow(/rangeMs/);
    expect(() => hybridHistogram({ head: 0.5, tail: 0.4 })).toThrow(
      /expected at most tail \(0.4\), got 0.5[\s\S]*at head/,
    );
    expect(() => hybridHistogram({ histogramMargin: 2 })).toThrow(/histogramMargin/);
  });
});

describe('fixed and no keep-alive', () => {
  it('fixed keeps every idle instance for the same time; none unloads at once', () => {
    const out = { prewarmMs: 1, keepAliveMs: 1 };
    fixedKeepAlive(600_000).windows(null, out);
    expect(out).toEqual({ prewarmMs: 0, keepAliveMs: 600_000 });
    noKeepAlive().windows(null, out);
    expect(out).toEqual({ prewarmMs: 0, keepAliveMs: 0 });
    expect(() => fixedKeepAlive(-1)).toThrow(/keepAliveMs/);
  });
});
