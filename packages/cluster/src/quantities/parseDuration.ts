/**
 * Parses a duration into milliseconds: `250ms`, `10s`, `5m`, `2h`, `1d`, or combinations such as
 * `1m30s`; a plain number is already milliseconds. Returns an error message when the text is not a
 * duration.
 */
export function parseDuration(input: number | string): number | string {
  const ms = parseUnbounded(input);
  if (typeof ms === 'number' && !(ms <= MAX_DURATION)) {
    const written =
      typeof input === 'number' ? String(input) : `'${input.length > 40 ? `${input.slice(0, 37)}...` : input}'`;
    return `${written} is too long: at most ${MAX_DURATION} ms (about 31,700 years)`;
  }
  return ms;
}

/**
 * The longest duration, in ms: 10^15 (about 31,700 years). Simulated times and their sums stay exact
 * integers of ms (below 2^53); a 400-digit duration, Infinity once read, is refused here instead of
 * failing later under an internal name.
 */
export const MAX_DURATION = 1e15;

function parseUnbounded(input: number | string): number | string {
  // Callers of the API may pass anything (`run({})`): say what was expected rather than fail on it.
  if (typeof input !== 'number' && typeof input !== 'string') {
    return `expected a duration such as '250ms', '10s', '5m' or '2h', or a number of milliseconds, got ${input === null ? 'null' : typeof input}`;
  }
  if (typeof input === 'number') {
    // Infinity is left to the bound, whose message says what is wrong with it.
    if (Number.isNaN(input) || input < 0) return `expected a non-negative number of milliseconds, got ${input}`;
    return input;
  }
  const text = input.trim();
  if (text === '') return "expected a duration such as '250ms', '10s', '5m' or '2h', got ''";
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)/.exec(rest);
    if (match === null) return `expected a duration such as '250ms', '10s', '5m' or '2h', got '${input}'`;
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    rest = rest.slice(match[0].length);
  }
  return total;
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
