/** One timed run: how long it took and how many events it processed. */
export interface Sample {
  readonly seconds: number;
  readonly events: number;
  readonly endTime: number;
}

/** Something to measure; `run` does one complete run of the model and reports its own time. */
export interface Contestant {
  readonly name: string;
  readonly run: () => Sample;
}

/** Events per second of each run, per contestant, in round order. */
export type Rates = ReadonlyMap<string, readonly number[]>;

/**
 * Runs every contestant once per round, in the same order each round (A B C A B C ...), after one warm-up
 * round (none with `warmUp` false: for a process whose code is already warm, where a round is minutes).
 * Round numbers passed to `onSample` start at 1 for measured rounds either way.
 */
export function interleave(
  contestants: readonly Contestant[],
  rounds: number,
  onSample?: (name: string, round: number, sample: Sample) => void,
  warmUp = true,
): Rates {
  const rates = new Map<string, number[]>(contestants.map((c) => [c.name, []]));
  for (let round = warmUp ? 0 : 1; round <= rounds; round += 1) {
    for (const contestant of contestants) {
      // Collect the previous run's garbage now, so that it is not charged to the next contestant.
      globalThis.gc?.();
      const sample = contestant.run();
      onSample?.(contestant.name, round, sample);
      if (round > 0) rates.get(contestant.name)!.push(sample.events / sample.seconds);
    }
  }
  return rates;
}

/** The median of a non-empty list (mean of the middle two for an even length). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * How many times faster `a` is than `b`: the median of the per-round ratios, so that a slow patch of
 * the machine, which hits both runs of a round, cancels out.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i += 1) ratios.push(a[i]! / b[i]!);
  return median(ratios);
}
