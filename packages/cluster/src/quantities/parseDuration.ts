/**
 * Parses a duration into milliseconds: `250ms`, `10s`, `5m`, `2h`, `1d`, or combinations such as
 * `1m30s`; a plain number is already milliseconds. Returns an error message when the text is not a
 * duration.
 */
export function parseDuration(input: number | string): number | string {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return `expected a non-negative number of milliseconds, got ${input}`;
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
