import { median } from '../kernel/interleave.js';
import type { CaseOutcome } from './alternate.js';

/** A median with the range it came from. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Median, minimum and maximum of a non-empty list. */
export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Round by round, `top[i] / bottom[i]`: a disturbed round hits both runs of its ratio. */
export function roundRatios(top: readonly number[], bottom: readonly number[]): number[] {
  if (top.length !== bottom.length) throw new Error(`rounds differ: ${top.length} against ${bottom.length}`);
  return top.map((t, i) => t / bottom[i]!);
}

/**
 * The two-sided exact sign test: how likely, if neither side were faster, a split at least as uneven
 * as `wins` against `losses` would be (each round a fair coin; rounds that tie are left out).
 */
export function signTestP(wins: number, losses: number): number {
  const n = wins + losses;
  const k = Math.max(wins, losses);
  let tail = 0;
  let term = 0.5 ** n; // C(n, n) / 2^n
  for (let i = n; i >= k; i -= 1) {
    tail += term;
    term = (term * i) / (n - i + 1); // C(n, i - 1) from C(n, i)
  }
  return Math.min(1, 2 * tail);
}

/** Below this sign-test probability a difference counts as beyond the noise. */
export const SIGNIFICANCE = 0.05;

/** With fewer rounds than this, even a clean sweep is not beyond the noise (5 of 5: p = 0.0625). */
export const VERDICT_MIN_ROUNDS = 6;

/**
 * Differences smaller than this (as a fraction of A's speed) count as unchanged even when every round
 * shows them: identical compiled code in two module instances of one process measured up to 1% apart,
 * consistently (the kernel cases against 5488d9d, whose kernel compiles to the same bytes).
 */
export const DEFAULT_TOLERANCE = 0.02;

/**
 * The reading of per-round speed ratios B/A. A difference counts when the rounds lean one way more than
 * chance allows (sign test, p < 0.05: 6 of 6, 7 of 7, 8 of 9, 12 of 15 rounds...) and the median ratio is
 * off 1 by at least `tolerance`; otherwise B is unchanged, within the noise of this machine at this time.
 */
export function verdict(ratios: readonly number[], tolerance = DEFAULT_TOLERANCE): string {
  if (ratios.length < VERDICT_MIN_ROUNDS) return `no verdict (fewer than ${VERDICT_MIN_ROUNDS} rounds)`;
  const faster = ratios.filter((r) => r > 1).length;
  const slower = ratios.filter((r) => r < 1).length;
  const p = signTestP(faster, slower);
  const split = `B faster in ${faster}, slower in ${slower} of ${ratios.length} rounds; sign test p = ${p.toFixed(3)}`;
  if (p >= SIGNIFICANCE) return `unchanged: within the noise (${split})`;
  const change = median(ratios) - 1;
  const by = `${(Math.abs(change) * 100).toFixed(1)}%`;
  const direction = faster > slower ? 'faster' : 'slower';
  if (Math.abs(change) < tolerance) {
    return `unchanged: ${direction} by ${by}, under the ${(tolerance * 100).toFixed(0)}% tolerance (${split})`;
  }
  return direction === 'faster' ? `B faster by ${by} (${split})` : `**B slower by ${by}** (${split})`;
}

/** What the report says above its table. */
export interface AbHeader {
  readonly a: string;
  readonly b: string;
  /** See {@link verdict}. */
  readonly tolerance: number;
  /** Further lines: command, machine, load, rounds. */
  readonly notes: readonly string[];
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const cost = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (s: Spread): string => `${s.median.toFixed(3)}× (${s.min.toFixed(3)} – ${s.max.toFixed(3)})`;

/**
 * The A/B report in Markdown. By wall time: per case the median rate of each side in its own unit, the
 * speed ratio B/A (median of per-round ratios, and their range), the same in bare-loop events per unit
 * (each run against the yardstick run just before it), and the verdict; then the same rates and ratio by
 * the process's CPU time. A case whose sides disagreed gets no ratio, only what each side produced.
 */
export function formatAbReport(header: AbHeader, outcomes: readonly CaseOutcome[]): string {
  const out: string[] = [];
  out.push(`A: ${header.a}`, `B: ${header.b}`, '', ...header.notes, '');
  out.push('Wall time:', '');
  out.push(
    '| benchmark | unit/s | A (median) | B (median) | B/A speed (min – max) | A bare-loop events per unit | B bare-loop events per unit | B/A by bare loop (min – max) | verdict |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const o of outcomes) {
    const head = `| ${o.abCase.title} | ${o.abCase.unit}`;
    if (o.mismatch !== null) {
      out.push(`${head} | – | – | results differ: no ratio | – | – | – | ${o.mismatch.reason} |`);
      continue;
    }
    const costA = roundRatios(o.a.yardstick, o.a.rates);
    const costB = roundRatios(o.b.yardstick, o.b.rates);
    const speed = roundRatios(o.b.rates, o.a.rates);
    out.push(
      `${head} | ${int(median(o.a.rates))} | ${int(median(o.b.rates))} | ${ratio(spread(speed))} | ` +
        `${cost(median(costA))} | ${cost(median(costB))} | ${ratio(spread(roundRatios(costA, costB)))} | ${verdict(speed, header.tolerance)} |`,
    );
  }
  out.push('');
  out.push(
    "CPU time of the process (user + system, every thread), which other processes' load moves much less than wall time:",
    '',
  );
  out.push('| benchmark | unit per CPU second | A (median) | B (median) | B/A speed (min – max) | verdict |');
  out.push('|---|---|---:|---:|---:|---|');
  for (const o of outcomes) {
    const head = `| ${o.abCase.title} | ${o.abCase.unit}`;
    if (o.mismatch !== null) {
      out.push(`${head} | – | – | results differ: no ratio | ${o.mismatch.reason} |`);
      continue;
    }
    const speed = roundRatios(o.b.cpuRates, o.a.cpuRates);
    out.push(
      `${head} | ${int(median(o.a.cpuRates))} | ${int(median(o.b.cpuRates))} | ${ratio(spread(speed))} | ` +
        `${verdict(speed, header.tolerance)} |`,
    );
  }
  out.push('');
  out.push('Results:');
  out.push('');
  for (const o of outcomes) {
    if (o.mismatch === null) {
      const digest = o.digest === null ? '' : `; event stream: ${o.digest}`;
      out.push(`- ${o.abCase.id}: the same on both sides in every run: ${o.result}${digest}`);
    } else {
      out.push(`- ${o.abCase.id}: **${o.mismatch.reason}**:`);
      for (const line of o.mismatch.results) out.push(`  - ${line}`);
    }
  }
  out.push('');
  return out.join('\n');
}
