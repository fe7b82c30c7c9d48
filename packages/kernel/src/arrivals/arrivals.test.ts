import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/createRandom.js';
import { countsArrivals } from './countsArrivals.js';
import { diurnalArrivals } from './diurnalArrivals.js';
import { mmppArrivals, onOffArrivals } from './mmppArrivals.js';
import { poissonArrivals } from './poissonArrivals.js';

const stream = (seed: number) => createRandom(seed).stream('arrivals');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Variance / mean of counts per bin: 1 for Poisson, above 1 for bursty arrivals. */
function dispersion(times: number[], bin: number, until: number): number {
  const counts = new Array<number>(Math.ceil(until / bin)).fill(0);
  for (const t of times) counts[Math.floor(t / bin)]!++;
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (counts.length - 1);
  return variance / mean;
}

describe('arrival processes', () => {
  it('Poisson: rate within 4 standard deviations, increasing, within bounds, dispersion ≈ 1', () => {
    // 5/s for 2000 s: 10,000 expected, sd 100.
    const times = [...poissonArrivals(5).times(stream(1), 2_000_000)];
    expect(Math.abs(times.length - 10_000)).toBeLessThan(400);
    expect(times.every((t, i) => t > 0 && t < 2_000_000 && (i === 0 || t > times[i - 1]!))).toBe(true);
    expect(dispersion(times, 10_000, 2_000_000)).toBeGreaterThan(0.8);
    expect(dispersion(times, 10_000, 2_000_000)).toBeLessThan(1.2);
  });

  it('same stream seed, same arrivals; another seed, other arrivals', () => {
    const a = [...poissonArrivals(2).times(stream(7), 60_000)];
    expect([...poissonArrivals(2).times(stream(7), 60_000)]).toEqual(a);
    expect([...poissonArrivals(2).times(stream(8), 60_000)]).not.toEqual(a);
  });

  it('MMPP-2: mean rate as stated, and burstier than Poisson', () => {
    // 1/s for ~1 min, 0.1/s for ~9 min: mean (1·1 + 0.1·9)/10 = 0.19/s.
    const process = mmppArrivals({ rates: [1, 0.1], meanDurations: [60_000, 540_000] });
    expect(process.meanRate).toBeCloseTo(0.19, 10);
    const until = 200 * HOUR;
    const times = [...process.times(stream(2), until)];
    const rate = times.length / (until / 1000);
    expect(Math.abs(rate - 0.19) / 0.19).toBeLessThan(0.05);
    expect(dispersion(times, 60_000, until)).toBeGreaterThan(3);
  });

  it('on/off: silent while off', () => {
    const process = onOffArrivals({ rate: 4, meanOn: 10_000, meanOff: 30_000 });
    expect(process.name).toBe('on-off');
    expect(process.meanRate).toBeCloseTo(1, 10);
    const until = 20 * HOUR;
    const times = [...process.times(stream(3), until)];
    expect(Math.abs(times.length / (until / 1000) - 1)).toBeLessThan(0.05);
    // Long gaps (off periods) exist: the largest gap dwarfs the on-rate's mean gap of 250 ms.
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeGreaterThan(60_000);
  });

  it('diurnal: peak/trough ratio (1 + a)/(1 − a) and the mean rate over whole days', () => {
    // a = 0.5: ratio 3. Peak at 14:00, trough at 02:00; count one hour around each over 10 days
    // (about 27,000 and 9,000 arrivals: the ratio's sd is about 1.2%).
    const process = diurnalArrivals({ meanRate: 0.5, amplitude: 0.5 });
    const times = [...process.times(stream(4), 10 * DAY)];
    expect(Math.abs(times.length / (10 * 86_400) - 0.5)).toBeLessThan(0.01);
    const around = (hour: number) => times.filter((t) => Math.abs((t % DAY) - hour * HOUR) < HOUR / 2).length;
    const ratio = around(14) / around(2);
    // The hourly averages are 0.5 × 1.4986 and 0.5 × 0.5014 (the cosine averaged over ±30 min): ratio 2.99.
    expect(ratio).toBeGreaterThan(2.8);
    expect(ratio).toBeLessThan(3.2);
  });

  it('refuses bad parameters by name', () => {
    expect(() => poissonArrivals(0)).toThrow(/ratePerSecond/);
    expect(() => diurnalArrivals({ meanRate: 1, amplitude: 1 })).toThrow(/amplitude/);
    expect(() => mmppArrivals({ rates: [0, 0], meanDurations: [1, 1] })).toThrow(/rates/);
    expect(() => mmppArrivals({ rates: [1, 0], meanDurations: [1, 0] })).toThrow(/meanDurations\[1\]/);
  });
});

describe('countsArrivals', () => {
  it('replays each bin’s count exactly, inside its bin, in order', () => {
    const counts = [3, 0, 5, 1];
    const times = [...countsArrivals({ counts, binMs: 1000 }).times(stream(4), Number.POSITIVE_INFINITY)];
    expect(times).toHaveLength(9);
    const perBin = [0, 0, 0, 0];
    for (const t of times) perBin[Math.floor(t / 1000)]! += 1;
    expect(perBin).toEqual(counts);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('stops at `until` and after the last bin, and starts its first bin at `start`', () => {
    const process = countsArrivals({ counts: [10, 10], binMs: 60_000 });
    expect(process.meanRate).toBeCloseTo(10 / 60, 10);
    const cut = [...process.times(stream(5), 90_000)];
    expect(cut.length).toBeGreaterThan(10);
    expect(cut.every((t) => t < 90_000)).toBe(true);
    const shifted = [...process.times(stream(5), Number.POSITIVE_INFINITY, 1_000_000)];
    expect(shifted).toHaveLength(20);
    expect(shifted.every((t) => t > 1_000_000 && t < 1_120_000)).toBe(true);
  });

  it('draws and orders as the plain way does (each bin drawn in turn, sorted), from `times` and from `cursor`', () => {
    const counts = [4, 0, 1, 7, 2, 0, 3];
    const reference = (until: number, start: number): number[] => {
      const s = stream(9);
      const out: number[] = [];
      for (let i = 0; i < counts.length && start + i * 1000 < until; i++) {
        const bin: number[] = [];
        for (let k = 0; k < counts[i]!; k++) bin.push(start + i * 1000 + s.next() * 1000);
        bin.sort((a, b) => a - b);
        for (const t of bin) {
          if (t >= until) return out;
          if (t > start) out.push(t);
        }
      }
      return out;
    };
    const process = countsArrivals({ counts, binMs: 1000 });
    for (const [until, start] of [
      [Number.POSITIVE_INFINITY, 0],
      [3500, 0],
      [4000, 250],
    ] as const) {
      const expected = reference(until, start);
      expect([...process.times(stream(9), until, start)]).toEqual(expected);
      const cursor = process.cursor!(stream(9), until, start);
      const pulled: number[] = [];
      for (let t = cursor.next(); t !== Number.POSITIVE_INFINITY; t = cursor.next()) pulled.push(t);
      expect(pulled).toEqual(expected);
      expect(cursor.next()).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('orders small bins (sorted in place) and large ones (sorted by the typed array) as the plain sort does', () => {
    // Bins of up to 32 arrivals are sorted by insertion, larger ones by Float64Array#sort: both sides of the cut.
    const counts = [2, 31, 32, 33, 64, 1, 0, 17];
    const s = stream(11);
    const expected: number[] = [];
    counts.forEach((n, i) => {
      const bin = Array.from({ length: n }, () => i * 1000 + s.next() * 1000);
      expected.push(...bin.sort((a, b) => a - b));
    });
    const cursor = countsArrivals({ counts, binMs: 1000 }).cursor!(stream(11), Number.POSITIVE_INFINITY);
    const pulled: number[] = [];
    for (let t = cursor.next(); t !== Number.POSITIVE_INFINITY; t = cursor.next()) pulled.push(t);
    expect(pulled).toEqual(expected);
  });

  it('rejects bad counts by name', () => {
    expect(() => countsArrivals({ counts: [] })).toThrow(/counts/);
    expect(() => countsArrivals({ counts: [1, -2] })).toThrow(/counts\[1\]/);
    expect(() => countsArrivals({ counts: [0, 0] })).toThrow(/at least one arrival/);
    expect(() => countsArrivals({ counts: [1], binMs: 0 })).toThrow(/binMs/);
  });
});

describe('ArrivalProcess.after', () => {
  it('gives a Poisson process the same sequence as times', () => {
    const process = poissonArrivals(40);
    const viaTimes = [...process.times(stream(9), 60_000, 100)];
    const s = stream(9);
    const viaAfter: number[] = [];
    for (let t = process.after!(s, 100); t < 60_000; t = process.after!(s, t)) viaAfter.push(t);
    expect(viaAfter).toEqual(viaTimes);
  });
});
