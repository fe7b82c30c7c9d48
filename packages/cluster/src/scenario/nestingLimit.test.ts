import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './fieldSchemas.js';
import { findTooDeep, findTooDeepYaml } from './nestingLimit.js';
import { parseScenario, parseScenarioText } from './parseScenario.js';

/** A list nested `n` deep: [[[...]]]. */
function nested(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

function configIssues(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError');
}

const hosts = "hosts:\n  - { name: a, capacity: { cpu: '1', memory: 1Gi } }\n";

describe('findTooDeep', () => {
  it('finds the first place nested deeper than the limit, and nothing at the limit', () => {
    expect(findTooDeep(nested(3), 3)).toBeUndefined();
    expect(findTooDeep({ a: [{ b: nested(2) }] }, 3)).toEqual(['a', 0, 'b']);
    expect(findTooDeep(nested(100_000), 64)).toHaveLength(64);
  });

  it('measures YAML and JSON text, block or flow, before it is composed', () => {
    expect(findTooDeepYaml('a: [[1]]\n', 3)).toBeUndefined();
    expect(findTooDeepYaml('a:\n  - - - 1\n', 3)).toBe(9);
    expect(findTooDeepYaml(`${'['.repeat(10_000)}${']'.repeat(10_000)}`, 64)).toBe(64);
  });
});

describe('nesting limits at every entry point', () => {
  // Issue 15: YAML about 900 deep aborted V8 in the pretty-error re-parse; JSON 10,000 deep was an
  // internal error (a stack overflow in the checks).
  it.each([900, 2000, 10_000])('YAML text nested %i deep is refused with its line', (n) => {
    const message = (line: number) =>
      `(root): lists and objects are nested more than ${LIMITS.depth} deep here (line ${line}); a scenario needs far fewer levels`;
    const flow = `${hosts}x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(configIssues(() => parseScenarioText(flow))).toEqual([message(3)]);
    // One list per line: the list 64 deep starts on line 3 + 64.
    const block = Array.from({ length: Math.min(n, 2000) }, (_, i) => `${'  '.repeat(i)}-`).join('\n');
    expect(configIssues(() => parseScenarioText(`${hosts}x:\n${block} 1\n`))).toEqual([message(67)]);
  });

  it('an object nested 10,000 deep (JSON.parse makes one) is refused with its path', () => {
    const input = JSON.parse(`{"hosts": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    const [issue] = configIssues(() => parseScenario(input));
    expect(issue).toMatch(/^hosts\[0\](\[0\])+: lists and objects are nested more than 64 deep here; /);
  });

  it('text longer than LIMITS.documentLength is refused before it is parsed', () => {
    const text = `# ${'x'.repeat(LIMITS.documentLength)}\n${hosts}`;
    expect(configIssues(() => parseScenarioText(text))).toEqual([
      `(root): expected at most ${LIMITS.documentLength} characters of scenario text, got ${text.length}`,
    ]);
  });
});
