/** Where two texts first part: a 1-based line and column, and that line of each text. */
export interface TextDifference {
  readonly line: number;
  readonly column: number;
  /** The line of the expected text from its start, with its newline if it has one; undefined past its end. */
  readonly expected: string | undefined;
  /** The same line of the actual text; undefined past its end. */
  readonly actual: string | undefined;
}

/**
 * The first place where `actual` differs from `expected`, or undefined when they are equal. Made for
 * texts of many megabytes: it walks the common prefix once and slices out only the two lines involved,
 * so a failing comparison reports one line, never a whole diff.
 */
export function firstDifference(expected: string, actual: string): TextDifference | undefined {
  if (expected === actual) return undefined;
  const shorter = Math.min(expected.length, actual.length);
  let at = 0;
  while (at < shorter && expected.charCodeAt(at) === actual.charCodeAt(at)) at += 1;
  // The texts agree before `at`, so the line holding it starts at the same index in both.
  const start = at === 0 ? 0 : expected.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = expected.indexOf('\n'); i !== -1 && i < start; i = expected.indexOf('\n', i + 1)) line += 1;
  return { line, column: at - start + 1, expected: lineFrom(expected, start), actual: lineFrom(actual, start) };
}

function lineFrom(text: string, start: number): string | undefined {
  if (start >= text.length) return undefined;
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end + 1);
}
