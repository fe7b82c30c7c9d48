import { CliError } from '../CliError.js';

/** Seeds in one comparison at most: a guard against `1-1000000000` typed by mistake. */
export const MAX_SEEDS = 100_000;

/**
 * A seed list from the command line: `1-10`, `1,2,5`, or a mix such as `1-3,7,10-12` → the seeds in
 * the order given, without duplicates. Exit 1 with the offending part when malformed.
 */
export function parseSeeds(option: string, text: string): number[] {
  const seeds: number[] = [];
  const seen = new Set<number>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const match = /^(-?[0-9]+)(?:\s*-\s*(-?[0-9]+))?$/.exec(part);
    const first = match === null ? Number.NaN : Number(match[1]);
    const last = match?.[2] === undefined ? first : Number(match[2]);
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first) {
      throw new CliError(`${option}: expected seeds such as 1-10 or 1,2,5, got '${part}'`);
    }
    if (last - first + 1 + seeds.length > MAX_SEEDS)
      throw new CliError(`${option}: at most ${MAX_SEEDS} seeds, got '${text}'`);
    for (let seed = first; seed <= last; seed++) {
      if (seen.has(seed)) continue;
      seen.add(seed);
      seeds.push(seed);
    }
  }
  return seeds;
}
