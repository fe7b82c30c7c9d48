import { ConfigError, type ConfigIssue, formatPath } from '@berth/kernel';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { describeValue } from './describeValue.js';
import { closestName } from './didYouMean.js';
import { LIMITS } from './fieldSchemas.js';
import { findTooDeep, findTooDeepYaml } from './nestingLimit.js';
import { checkScenario, type Scenario, type ScenarioInput, scenarioPartsSchema } from './scenarioSchema.js';
import { isUnder, withoutInvalidParts } from './withoutInvalidParts.js';

/** One problem in user input, its path still as keys and indexes. */
interface RawIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

/** One problem a {@link ScenarioCheck} finds, at a path of keys and indexes (`['scheduler', 'strategy']`). */
export interface ScenarioCheckIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * A check of a scenario beyond its schema, run in the same pass as the schema's: createSimulation's
 * checks of the names a scenario gives (strategies, scorers, balancing policies; see
 * `simulationChecks`). It sees the scenario's valid parts only, as every cross-field rule does.
 */
export type ScenarioCheck = (scenario: Scenario) => readonly ScenarioCheckIssue[];

/** What {@link parseScenario} and {@link parseScenarioText} check besides the scenario's schema. */
export interface ParseScenarioOptions {
  readonly check?: ScenarioCheck | undefined;
  /**
   * The caller adds workload streams to the scenario after parsing it (`berth run --trace`), and a
   * stream may add hosts: a scenario with no host and no stream of its own is then not refused.
   */
  readonly streamsAdded?: boolean | undefined;
}

/**
 * Validates a scenario object and applies its defaults. Throws one {@link ConfigError} listing every
 * problem by path (`hosts[2].capacity.cpu: ...`), in the order they appear in the input; nothing runs
 * on a bad scenario. Problems of one part and rules that relate parts (a fault naming a host that does
 * not exist, an unknown resource) are found in one pass: the rules are applied to every part that is
 * valid, and left out only where they would read a part that is not.
 */
export function parseScenario(input: unknown, source = 'scenario', options: ParseScenarioOptions = {}): Scenario {
  const result = collectScenario(input, options);
  if (result.ok) return remember(result.value, input);
  throw new ConfigError(result.issues.map(toConfigIssue), source);
}

/** Where a parsed scenario keeps the input it came from: a non-enumerable key, invisible to JSON and spreads. */
const PARSED_FROM = Symbol('berth.parsedFrom');

function remember(scenario: Scenario, input: unknown): Scenario {
  Object.defineProperty(scenario, PARSED_FROM, { value: input });
  return scenario;
}

const SOURCE_TEXT = Symbol('berth.sourceText');

/**
 * Where a path of a scenario parsed by {@link parseScenarioText} is in its text: a function giving the
 * 1-based line of a path (the deepest part of it present), or undefined for a scenario not parsed
 * from text. The text is read again on this call, not kept parsed.
 */
export function scenarioLines(scenario: unknown): ((path: readonly PropertyKey[]) => number | undefined) | undefined {
  if (typeof scenario !== 'object' || scenario === null || !Object.hasOwn(scenario, SOURCE_TEXT)) return undefined;
  const text = (scenario as { [SOURCE_TEXT]: string })[SOURCE_TEXT];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter });
  return (path) => lineOf(doc, lineCounter, path);
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
export function parseScenarioText(text: string, source = 'scenario', options: ParseScenarioOptions = {}): Scenario {
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
  // Duplicate keys are found below, with their path; the parser's own check gives only a position.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true, lineCounter });
  // With prettyErrors the first line of a message ends in "at line L, column C:", before a code frame.
  const syntax: ConfigIssue[] = [...doc.errors, ...doc.warnings].map((error) => ({
    path: '(root)',
    message: error.message.split('\n', 1)[0]!.replace(/:$/, ''),
    code: 'syntax',
  }));
  const duplicates: ConfigIssue[] = [];
  findDuplicateKeys(doc.contents, [], lineCounter, duplicates);
  if (syntax.length > 0) {
    throw new ConfigError(duplicates.length === 0 ? syntax : byLine([...syntax, ...duplicates]), source);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError([{ path: '(root)', message: (error as Error).message, code: 'syntax' }], source);
  }
  const result = collectScenario(data, options);
  if (result.ok && duplicates.length === 0) {
    // The text stays with the scenario, so that what is found later (warnings) can name its line too.
    Object.defineProperty(result.value, SOURCE_TEXT, { value: text });
    return remember(result.value, data);
  }
  const located = (result.ok ? [] : result.issues).map((issue) => {
    const line = lineOf(doc, lineCounter, issue.path);
    return toConfigIssue({
      ...issue,
      message: line === undefined ? issue.message : `${issue.message} (line ${line})`,
    });
  });
  throw new ConfigError(duplicates.length === 0 ? located : byLine([...duplicates, ...located]), source);
}

/**
 * Keys given twice in one mapping, YAML or JSON (JSON.parse would keep the last in silence): each
 * named by its path, with the line and column of the second and the line of the first.
 */
function findDuplicateKeys(node: unknown, path: PropertyKey[], lines: LineCounter, out: ConfigIssue[]): void {
  if (isSeq(node)) {
    node.items.forEach((item, i) => {
      findDuplicateKeys(item, [...path, i], lines, out);
    });
    return;
  }
  if (!isMap(node)) return;
  const first = new Map<string, number>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const at = (pair.key as Node).range?.[0] ?? 0;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, at);
    else {
      const here = lines.linePos(at);
      out.push({
        path: formatPath([...path, key]),
        message: `duplicate key (first at line ${lines.linePos(seen).line}); keys must be unique at line ${here.line}, column ${here.col}`,
        code: 'duplicate_key',
      });
    }
    findDuplicateKeys(pair.value, [...path, key], lines, out);
  }
}

/** Duplicate keys among the other issues, in the order of their lines (a message ends in "(line L)" or "at line L, column C"). */
function byLine(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const lineOfIssue = (issue: ConfigIssue) => {
    const match = / \(line (\d+)\)$| at line (\d+), column \d+$/.exec(issue.message);
    return match === null ? Number.MAX_SAFE_INTEGER : Number(match[1] ?? match[2]);
  };
  return issues
    .map((issue, i) => ({ issue, i, line: lineOfIssue(issue) }))
    .sort((a, b) => a.line - b.line || a.i - b.i)
    .map((entry) => entry.issue);
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
  const result = schemaIssues(schema, input);
  if (result.issues.length === 0 && issues.length === 0) return { ok: true, value: result.value };
  issues.push(...result.issues);
  return { ok: false, issues: sortByInputOrder(input, issues) };
}

/**
 * {@link collect} for a whole scenario: the issues of each part, and those of the rules relating
 * parts (`checkScenario`, then `check`) applied to the parts that are valid. A rule's issue is left
 * out when it reads a part that was left out: when its path is inside, or holds, a part left out, or
 * when it names something a part left out defines (a service `web`, a host group `n` and its `n-0`).
 */
function collectScenario(
  input: unknown,
  { check, streamsAdded }: ParseScenarioOptions,
): { ok: true; value: Scenario } | { ok: false; issues: RawIssue[] } {
  const deep = findTooDeep(input, LIMITS.depth);
  if (deep !== undefined) return { ok: false, issues: [{ ...tooDeepIssue('', ''), path: deep }] };
  const issues: RawIssue[] = [];
  findProtoKeys(input, [], issues, new Set());
  const parts = schemaIssues(scenarioPartsSchema, input);
  issues.push(...parts.issues);
  // Without a value whose shape is wrong, the rules read the scenario as parsed, as zod itself would;
  // otherwise they read what is left once the parts of the wrong shape are left out.
  const valid =
    parts.aborted.length === 0
      ? { value: parts.value, issues: [], removed: [], toInput: (path: readonly PropertyKey[]) => [...path] }
      : withoutInvalidParts(input, parts.aborted, (value) => schemaIssues(scenarioPartsSchema, value));
  if (valid !== undefined) {
    const rules: Array<{ path: readonly PropertyKey[]; message: string; code: string }> = [];
    const payload: z.core.ParsePayload['issues'] = [];
    checkScenario(valid.value, payload, streamsAdded === true);
    for (const issue of payload) rules.push({ path: issue.path ?? [], message: issue.message ?? '', code: 'custom' });
    for (const issue of check?.(valid.value) ?? []) rules.push({ ...issue, code: 'custom' });
    const names = removedNames(input, valid.removed);
    // The checks that a value of the wrong shape hid (a bad cpu beside a gpu of the wrong type).
    const reported = new Set(issues.map((issue) => `${JSON.stringify(issue.path)} ${issue.message}`));
    for (const issue of valid.issues) {
      if (reported.has(`${JSON.stringify(issue.path)} ${issue.message}`)) continue;
      if (!readsRemoved(issue.path, '', valid.removed, names)) issues.push(issue);
    }
    for (const rule of rules) {
      const path = valid.toInput(rule.path);
      if (readsRemoved(path, rule.message, valid.removed, names)) continue;
      issues.push({ path, message: rule.message, code: rule.code });
    }
  }
  if (issues.length === 0) return { ok: true, value: parts.value };
  return { ok: false, issues: sortByInputOrder(input, issues) };
}

/**
 * Runs `schema` with Berth's messages (one issue per unknown key, naming the keys expected). Also
 * returns the value as far as it parsed and the paths of the issues that stopped it (a value of the
 * wrong type, an unknown key): with none, the value has every part in its parsed shape, even when a
 * check failed (a number out of range), which is when zod itself applies an object's own checks.
 */
function schemaIssues<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { value: z.output<S>; issues: RawIssue[]; aborted: Array<readonly PropertyKey[]> } {
  const knownKeys = new Map<string, string[]>();
  const ctx = {
    async: false,
    error: (iss: z.core.$ZodRawIssue) => {
      if (iss.code === 'unrecognized_keys') {
        const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
        knownKeys.set(JSON.stringify(iss.path ?? []), Object.keys(shape ?? {}));
      }
      return defaultMessage(iss);
    },
  };
  // zod's own run, as safeParse makes it, for the value and the raw issues (which say whether they
  // stopped the parse); safeParse returns neither when there is an issue.
  const run = (schema as unknown as { _zod: { run: (p: RunPayload, c: typeof ctx) => RunPayload } })._zod.run;
  const payload = run({ value: input, issues: [] }, ctx);
  const issues: RawIssue[] = [];
  const aborted: Array<readonly PropertyKey[]> = [];
  for (const raw of payload.issues) {
    const issue = z.core.util.finalizeIssue(raw, ctx, z.core.config());
    if (issue.code !== 'unrecognized_keys') {
      if (raw.continue !== true) aborted.push(issue.path);
      issues.push({ path: issue.path, message: issue.message, code: issue.code });
      continue;
    }
    const known = knownKeys.get(JSON.stringify(issue.path)) ?? [];
    for (const key of issue.keys) {
      aborted.push([...issue.path, key]);
      if (key === '__proto__') continue;
      issues.push({ path: [...issue.path, key], message: unknownKeyMessage(key, known), code: issue.code });
    }
  }
  return { value: payload.value as z.output<S>, issues, aborted };
}

interface RunPayload {
  value: unknown;
  issues: z.core.$ZodRawIssue[];
}

/**
 * The names the parts left out define: for each, the entry of the scenario's section it is in (a
 * service's or job's key; a list entry's `name` or `group`).
 */
function removedNames(input: unknown, removed: readonly (readonly PropertyKey[])[]): Set<string> {
  const names = new Set<string>();
  for (const path of removed) {
    if (path.length < 2) continue;
    const entry = (input as Record<PropertyKey, Record<PropertyKey, unknown>>)[path[0]!]?.[path[1]!];
    if (typeof path[1] === 'string') names.add(path[1]);
    if (typeof entry === 'object' && entry !== null) {
      for (const key of ['name', 'group'] as const) {
        const value = (entry as Record<string, unknown>)[key];
        if (typeof value === 'string') names.add(value);
      }
    }
  }
  return names;
}

/** True when a rule's issue may come from a part left out (see {@link collectScenario}). */
function readsRemoved(
  path: readonly PropertyKey[],
  message: string,
  removed: readonly (readonly PropertyKey[])[],
  names: ReadonlySet<string>,
): boolean {
  if (removed.some((r) => isUnder(path, [r]) || isUnder(r, [path]))) return true;
  for (const name of names) if (message.includes(`'${name}'`) || message.includes(`'${name}-`)) return true;
  return false;
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
  const best = closestName(word, candidates);
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
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
      // The last of duplicate keys: its value is the one read.
      const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === String(key));
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
