import { ConfigError, type ConfigIssue, formatPath } from '@berth/kernel';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { describeValue } from './describeValue.js';
import { LIMITS } from './fieldSchemas.js';
import { findTooDeep, findTooDeepYaml } from './nestingLimit.js';
import { type Scenario, type ScenarioInput, scenarioSchema } from './scenarioSchema.js';

/** One problem in user input, its path still as keys and indexes. */
interface RawIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

/**
 * Validates a scenario object and applies its defaults. Throws one {@link ConfigError} listing every
 * problem by path (`hosts[2].capacity.cpu: ...`), in the order they appear in the input; nothing runs
 * on a bad scenario.
 */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = validate(scenarioSchema, input);
  if (result.ok) return remember(result.value, input);
  throw new ConfigError(result.issues, source);
}

/** Where a parsed scenario keeps the input it came from: a non-enumerable key, invisible to JSON and spreads. */
const PARSED_FROM = Symbol('berth.parsedFrom');

function remember(scenario: Scenario, input: unknown): Scenario {
  Object.defineProperty(scenario, PARSED_FROM, { value: input });
  return scenario;
}

/**
 * The input a scenario was parsed from, when it came from {@link parseScenario} or
 * {@link parseScenarioText}; undefined for anything else. A simulation created from a parsed scenario
 * takes it as it is (it is not validated again) and reads the services' templates as written from here.
 */
export function parsedFrom(scenario: unknown): ScenarioInput | undefined {
  if (typeof scenario !== 'object' || scenario === null || !Object.hasOwn(scenario, PARSED_FROM)) return undefined;
  return (scenario as { [PARSED_FROM]: ScenarioInput })[PARSED_FROM];
}

/**
 * Parses scenario text, YAML or JSON (JSON is YAML), then validates it as {@link parseScenario} does.
 * A syntax error is reported with its line and column; every other issue names the line it is on.
 */
export function parseScenarioText(text: string, source = 'scenario'): Scenario {
  // Limits first: the composer and toJS recurse, and a text too long is refused before it is read.
  if (text.length > LIMITS.documentLength) {
    const message = `expected at most ${LIMITS.documentLength} characters of scenario text, got ${text.length}`;
    throw new ConfigError([{ path: '(root)', message, code: 'too_big' }], source);
  }
  const deep = findTooDeepYaml(text, LIMITS.depth);
  if (deep !== undefined) {
    const line = text.slice(0, deep).split('\n').length;
    throw new ConfigError([tooDeepIssue('(root)', ` (line ${line})`)], source);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, lineCounter });
  // With prettyErrors the first line of a message ends in "at line L, column C:", before a code frame.
  const syntax = [...doc.errors, ...doc.warnings].map((error) => ({
    path: '(root)',
    message: error.message.split('\n', 1)[0]!.replace(/:$/, ''),
    code: 'syntax',
  }));
  if (syntax.length > 0) throw new ConfigError(syntax, source);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError([{ path: '(root)', message: (error as Error).message, code: 'syntax' }], source);
  }
  const result = collect(scenarioSchema, data);
  if (result.ok) return remember(result.value, data);
  throw new ConfigError(
    result.issues.map((issue) => {
      const line = lineOf(doc, lineCounter, issue.path);
      return toConfigIssue({
        ...issue,
        message: line === undefined ? issue.message : `${issue.message} (line ${line})`,
      });
    }),
    source,
  );
}

/**
 * Validates `input` against one of the scenario schemas (the whole scenario, or a part such as
 * `containerTemplateSchema`) with the messages parseScenario gives: own `__proto__` keys refused at
 * any depth, one issue per unknown key naming the keys expected, issues in input order. `at` is
 * prepended to every path, for a part validated on its own (`['services', 'web', 'template']`).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  at: readonly PropertyKey[] = [],
): { ok: true; value: z.output<S> } | { ok: false; issues: ConfigIssue[] } {
  const result = collect(schema, input);
  if (result.ok) return result;
  return { ok: false, issues: result.issues.map((issue) => toConfigIssue({ ...issue, path: [...at, ...issue.path] })) };
}

function collect<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; issues: RawIssue[] } {
  const deep = findTooDeep(input, LIMITS.depth);
  if (deep !== undefined) return { ok: false, issues: [{ ...tooDeepIssue('', ''), path: deep }] };
  const issues: RawIssue[] = [];
  findProtoKeys(input, [], issues, new Set());
  const knownKeys = new Map<string, string[]>();
  const result = schema.safeParse(input, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
        knownKeys.set(JSON.stringify(iss.path ?? []), Object.keys(shape ?? {}));
      }
      return defaultMessage(iss);
    },
  });
  if (result.success && issues.length === 0) return { ok: true, value: result.data };
  for (const issue of result.error?.issues ?? []) {
    if (issue.code !== 'unrecognized_keys') {
      issues.push({ path: issue.path, message: issue.message, code: issue.code });
      continue;
    }
    const known = knownKeys.get(JSON.stringify(issue.path)) ?? [];
    for (const key of issue.keys) {
      if (key === '__proto__') continue;
      issues.push({ path: [...issue.path, key], message: unknownKeyMessage(key, known), code: issue.code });
    }
  }
  return { ok: false, issues: sortByInputOrder(input, issues) };
}

/** The issue of input nested deeper than LIMITS.depth; `where` locates it in text. */
function tooDeepIssue(path: string, where: string): { path: string; message: string; code: string } {
  return {
    path,
    message: `lists and objects are nested more than ${LIMITS.depth} deep here${where}; a scenario needs far fewer levels`,
    code: 'too_deep',
  };
}

function toConfigIssue(issue: RawIssue): ConfigIssue {
  return { path: formatPath(issue.path), message: issue.message, code: issue.code };
}

/**
 * Own `__proto__` keys, which JSON.parse and the YAML parser create but zod's records skip in
 * silence. Reported wherever they are: such a key is never data a scenario means to give.
 */
function findProtoKeys(value: unknown, path: PropertyKey[], out: RawIssue[], seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) findProtoKeys(value[i], [...path, i], out, seen);
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') {
      out.push({ path: [...path, key], message: "'__proto__' is not allowed as a key", code: 'forbidden_key' });
      continue;
    }
    findProtoKeys((value as Record<string, unknown>)[key], [...path, key], out, seen);
  }
}

/** zod's issue, worded as "expected X, got Y". Undefined keeps the message a schema set itself. */
function defaultMessage(iss: z.core.$ZodRawIssue): string | undefined {
  const got = describeValue(iss.input);
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${got}`;
    case 'too_small':
    case 'too_big': {
      const bound = iss.code === 'too_small' ? iss.minimum : iss.maximum;
      const word = iss.code === 'too_small' ? 'at least' : 'at most';
      if (iss.origin === 'array') return `expected ${word} ${bound} entries, got ${(iss.input as unknown[]).length}`;
      if (iss.origin === 'string') return `expected ${word} ${bound} characters, got ${got}`;
      const op = iss.code === 'too_small' ? (iss.inclusive ? '>=' : '>') : iss.inclusive ? '<=' : '<';
      return `expected a number ${op} ${bound}, got ${got}`;
    }
    case 'invalid_value': {
      const values = iss.values.map((v) => `'${String(v)}'`);
      const hint = typeof iss.input === 'string' ? suggestion(iss.input, iss.values.map(String)) : '';
      return `expected one of ${values.join(', ')}, got ${got}${hint}`;
    }
    case 'invalid_key':
      return iss.issues[0]?.message;
    case 'unrecognized_keys':
      return `unknown keys ${iss.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_union':
      return `expected one of the allowed forms, got ${got}`;
    default:
      return undefined;
  }
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const expected = known.length === 0 ? '' : `; expected one of: ${known.join(', ')}`;
  return `unknown key '${key}'${suggestion(key, known)}${expected}`;
}

/** ` (did you mean 'x'?)` for a near miss: a difference of case, or at most two edits. */
function suggestion(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

/** Levenshtein distance, for short words. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * Issues in the order their places appear in the input: by the position of each key among its
 * siblings, a place before what is inside it. A key the input lacks sorts after its siblings; ties
 * keep zod's order (the sort is stable).
 */
function sortByInputOrder(input: unknown, issues: readonly RawIssue[]): RawIssue[] {
  const positions = issues.map((issue) => {
    const out: number[] = [];
    let node = input;
    for (const key of issue.path) {
      if (typeof node !== 'object' || node === null) {
        out.push(Number.MAX_SAFE_INTEGER);
        continue;
      }
      const keys = Array.isArray(node) ? null : Object.keys(node);
      const index = keys === null ? Number(key) : keys.indexOf(String(key));
      out.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
      node = index < 0 ? undefined : (node as Record<PropertyKey, unknown>)[key];
    }
    return out;
  });
  const order = issues.map((_, i) => i);
  order.sort((x, y) => comparePositions(positions[x]!, positions[y]!) || x - y);
  return order.map((i) => issues[i]!);
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The 1-based line of the deepest part of `path` present in the YAML document. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let range: readonly number[] | undefined = (node as Node | null)?.range ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair === undefined) break;
      range = (pair.key as Node).range ?? range;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined) break;
      range = (item as Node).range ?? range;
      node = item;
    } else break;
  }
  return range === undefined ? undefined : lines.linePos(range[0]!).line;
}

export type { Scenario, ScenarioInput };
