import { readdirSync, readFileSync } from 'node:fs';
import { ConfigError } from '@berth/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/parseScenario.js';
import type { ScenarioInput } from '../src/scenario/scenarioSchema.js';
import { createSimulation } from '../src/simulation/Simulation.js';

// Fuzzing the scenario boundary (issue 15): generated scenarios, valid and corrupted; mutations of the
// docs' scenarios; YAML and JSON edge cases. Every case must end in a finished run or a ConfigError
// whose every issue has a path and a message, within a time budget; nothing else may escape (no
// TypeError, no RangeError, no SimulationError from input the schema let through). A small budget runs
// in CI; BERTH_FUZZ_RUNS sets the number of cases of each property, BERTH_FUZZ_SEED offsets the seeds.

function runs(ci: number): number {
  const env = Number(process.env.BERTH_FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? env : ci;
}
/** A test's time limit: vitest's minute, plus 100 ms a case for long runs. */
function timeout(n: number): number {
  return 60_000 + 100 * n;
}
function seed(literal: number): number {
  const env = Number(process.env.BERTH_FUZZ_SEED);
  return Number.isInteger(env) ? literal + env : literal;
}

/** Wall-clock budget of one case, ms: generous, for a loaded machine; a hang goes far past it. */
const CASE_BUDGET_MS = 20_000;
/** Simulated time a valid generated scenario is run for at most. */
const RUN_LIMIT_MS = 2 * 3_600_000;

type Outcome = 'ran' | 'refused';

/**
 * Builds and runs `input` (scenario text, or a scenario object) and says how it ended; throws what is
 * not allowed: anything but a ConfigError, or a ConfigError with an issue lacking a path or message.
 */
function attempt(input: string | unknown): Outcome {
  const started = performance.now();
  const outcome = settle(input);
  const elapsed = performance.now() - started;
  if (elapsed > CASE_BUDGET_MS)
    throw new Error(`a case took ${Math.round(elapsed)} ms, over its ${CASE_BUDGET_MS} ms budget`);
  return outcome;
}

function settle(input: string | unknown): Outcome {
  try {
    const scenario = typeof input === 'string' ? parseScenarioText(input) : input;
    const sim = createSimulation(scenario as ScenarioInput, { eventLog: { keep: 'none' }, keepFinished: false });
    sim.run(Math.min(sim.scenario.horizon ?? RUN_LIMIT_MS, RUN_LIMIT_MS));
    return 'ran';
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      if (
        typeof issue.path !== 'string' ||
        issue.path === '' ||
        typeof issue.message !== 'string' ||
        issue.message === ''
      ) {
        throw new Error(`an issue without a path or a message: ${JSON.stringify(issue)}`);
      }
    }
    return 'refused';
  }
}

// ---- Generated scenarios ------------------------------------------------------------------------

const duration = fc.oneof(
  fc.integer({ min: 0, max: 600_000 }),
  fc.constantFrom('0s', '250ms', '5s', '30s', '1m30s', '10m', '1h'),
);
// Plain numbers as Kubernetes reads them: cpu in cores, memory in bytes.
const cpu = fc.oneof(fc.constantFrom('100m', '250m', '500m', '1', '2', '4', '0.5'), fc.integer({ min: 0, max: 8 }));
const memory = fc.oneof(
  fc.constantFrom('128Mi', '512Mi', '1Gi', '4Gi', '2G'),
  fc.integer({ min: 0, max: 16_384 }).map((mib) => mib * 1024 * 1024),
);
const probe = fc.record(
  {
    period: fc.constantFrom('1s', '5s', '10s'),
    timeout: fc.constantFrom('1s', 500),
    failureThreshold: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: [] },
);
/** A container template; a service's replicas must restart in place (restartPolicy Always). */
const templateArb = (policies: readonly string[], runFor = duration) =>
  fc.record(
    {
      requests: fc.record({ cpu, memory }, { requiredKeys: [] }),
      startup: duration,
      duration: fc.oneof(fc.constant('forever'), runFor),
      priority: fc.integer({ min: -10, max: 10 }),
      restartPolicy: fc.constantFrom(...policies),
      antiAffinity: fc.constantFrom('hostname', 'zone'),
      probes: fc.record({ liveness: probe, readiness: probe }, { requiredKeys: [] }),
      labels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b')),
    },
    { requiredKeys: [] },
  );
const distribution = fc.oneof(
  fc.record({ dist: fc.constant('exponential'), mean: fc.constantFrom('10m', '1h', 3_600_000) }),
  fc.record({
    dist: fc.constant('weibull'),
    scale: fc.constantFrom('30m', '2h'),
    shape: fc.double({ min: 0.01, max: 5, noNaN: true }),
  }),
  fc.record({
    dist: fc.constant('lognormal'),
    mean: fc.constantFrom('20m', '1h'),
    cv: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  }),
  fc.record({ dist: fc.constant('constant'), value: fc.constantFrom('5m', '1h') }),
  fc.record({ dist: fc.constant('uniform'), min: fc.constantFrom(0, '1m'), max: fc.constantFrom('10m', '1h') }),
);

/** A scenario the schema should accept (it may still be refused, for a reason with a path). */
const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1000 }),
    horizon: fc.constantFrom('10m', '30m', '1h', '2h'),
    strategy: fc.constantFrom('kubernetes', 'best-fit', 'first-fit', 'worst-fit', 'swarm-spread', 'nomad-binpack'),
    queue: fc.constantFrom('priority', 'fifo', 'drf'),
    preset: fc.constantFrom('kubernetes', 'swarm', 'nomad'),
    groups: fc.array(
      fc.record({
        count: fc.integer({ min: 1, max: 6 }),
        cpu: fc.constantFrom('2', '4', '8'),
        memory: fc.constantFrom('4Gi', '8Gi', '16Gi'),
        zone: fc.constantFrom('a', 'b', 'c'),
        maxContainers: fc.integer({ min: 1, max: 110 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    services: fc.array(
      fc.record({
        replicas: fc.integer({ min: 0, max: 8 }),
        template: templateArb(['Always'], fc.integer({ min: 1000, max: 3_600_000 })),
      }),
      {
        maxLength: 3,
      },
    ),
    job: fc.option(
      fc.record({
        count: fc.integer({ min: 1, max: 10 }),
        template: templateArb(['Always', 'OnFailure', 'Never']),
        submitAt: duration,
      }),
    ),
    failures: fc.array(
      fc.oneof(
        fc.record({ model: fc.constant('host-failures'), mtbf: distribution, mttr: distribution }),
        fc.record({ model: fc.constant('container-crashes'), mtbf: distribution }),
      ),
      { maxLength: 2 },
    ),
    faults: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('host-crash'), at: duration, host: fc.nat(5), recoverAfter: duration }),
        fc.record({ kind: fc.constant('partition'), at: duration, host: fc.nat(5), healAfter: duration }),
        fc.record({ kind: fc.constant('container-crash'), at: duration, container: fc.nat(4) }),
        fc.record({ kind: fc.constant('hang'), at: duration, container: fc.nat(4) }),
      ),
      { maxLength: 4 },
    ),
  })
  .map((c) => {
    const services = Object.fromEntries(c.services.map((s, i) => [`svc${i}`, s]));
    const hostNames = c.groups.flatMap((g, i) => Array.from({ length: g.count }, (_, k) => `g${i}-${k}`));
    const someContainer = (k: number) => (c.services.length > 0 ? `svc${k % c.services.length}-${k}` : 'nothing-0');
    const scenario = {
      seed: c.seed,
      horizon: c.horizon,
      scheduler: { strategy: c.strategy, queue: c.queue },
      health: { preset: c.preset },
      hosts: c.groups.map((g, i) => ({
        group: `g${i}`,
        count: g.count,
        capacity: { cpu: g.cpu, memory: g.memory },
        maxContainers: g.maxContainers,
        labels: { zone: g.zone },
      })),
      services,
      jobs:
        c.job === null
          ? {}
          : { batch: { submitAt: c.job.submitAt, tasks: [{ ...c.job.template, count: c.job.count }] } },
      failures: c.failures,
      faults: c.faults.map((f) =>
        'host' in f
          ? { ...f, host: hostNames[f.host % hostNames.length]! }
          : { ...f, container: someContainer(f.container) },
      ),
    };
    return scenario as unknown as ScenarioInput;
  });

/** Every place in a JSON-like value, as a path of keys and indexes. */
function places(value: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) places(value[i], [...path, i], out);
  } else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

/** A copy of `value` with the place at `path` replaced by `replacement` (undefined: deleted). */
function replaced(value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const next = replaced(copy[head!], rest, replacement);
  if (next === undefined && !Array.isArray(copy)) delete copy[head!];
  else copy[head!] = next;
  return copy;
}

/** Values a careless or hostile author might put anywhere. */
const oddValue = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1e-300,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    0.5,
    '1e400',
    '1e305Ti',
    `${'9'.repeat(400)}ms`,
    '',
    ' ',
    '0',
    '-5m',
    'NaN',
    'Infinity',
    'forever',
    '__proto__',
    'constructor',
    'toString',
    null,
    true,
    false,
    [],
    {},
    [[[[]]]],
    { __proto__: 1 },
    'x'.repeat(300),
    '0s',
    '1ms',
    '100%',
    '-25%',
    '500m',
    '4Gi',
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid scenario with one place replaced by an odd value, deleted, or given an unknown sibling. */
const corruptedArb = fc
  .tuple(scenarioArb, fc.nat(), oddValue, fc.constantFrom('replace', 'delete', 'add'))
  .map(([s, k, v, how]) => {
    const all = places(s);
    const path = all[k % all.length]!;
    if (how === 'delete') return replaced(s, path, undefined);
    if (how === 'add') return replaced(s, [...path, 'extra'], v);
    return replaced(s, path, v);
  });

describe('generated scenarios', () => {
  it(
    'a valid scenario runs, or is refused with every issue by path',
    () => {
      const outcomes = { ran: 0, refused: 0 };
      fc.assert(
        fc.property(scenarioArb, (s) => {
          outcomes[attempt(s)] += 1;
        }),
        { seed: seed(15_001), numRuns: runs(60) },
      );
      // The generator is meant to make runnable scenarios: most must run.
      expect(outcomes.ran).toBeGreaterThan(outcomes.refused);
    },
    timeout(runs(60)),
  );

  it(
    'a corrupted scenario runs or is refused by path, as an object and as JSON text',
    () => {
      fc.assert(
        fc.property(corruptedArb, (s) => {
          attempt(s);
          attempt(JSON.stringify(s) ?? 'null');
        }),
        { seed: seed(15_002), numRuns: runs(150) },
      );
    },
    timeout(runs(150)),
  );
});

// ---- Mutations of the docs' scenarios ----------------------------------------------------------

const docsDir = new URL('../../../docs/scenarios/', import.meta.url);
const docs = readdirSync(docsDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(new URL(f, docsDir), 'utf8'));

/** A text mutation: a line dropped, doubled or moved, a character changed, a fragment inserted. */
const mutationArb = fc.tuple(
  fc.nat(docs.length - 1),
  fc.array(
    fc.tuple(
      fc.constantFrom('drop-line', 'double-line', 'swap-lines', 'set-char', 'insert', 'indent', 'dedent'),
      fc.nat(),
      fc.nat(),
      fc.oneof(
        fc.constantFrom(
          ': ',
          '- ',
          '[',
          ']',
          '{',
          '}',
          '&a ',
          '*a',
          '!!binary ',
          '? ',
          '|',
          '>',
          '#',
          '"',
          "'",
          '\t',
          '~',
          '.inf',
          '.nan',
          '0x1F',
          '1e999',
          '<<: *a',
          '%YAML 1.1\n',
          '---\n',
          '...\n',
        ),
        fc.string({ maxLength: 6 }),
      ),
    ),
    { minLength: 1, maxLength: 4 },
  ),
);

function mutate(text: string, steps: ReadonlyArray<readonly [string, number, number, string]>): string {
  const lines = text.split('\n');
  for (const [kind, a, b, fragment] of steps) {
    const i = a % lines.length;
    const line = lines[i]!;
    switch (kind) {
      case 'drop-line':
        lines.splice(i, 1);
        break;
      case 'double-line':
        lines.splice(i, 0, line);
        break;
      case 'swap-lines': {
        const j = b % lines.length;
        [lines[i], lines[j]] = [lines[j]!, line];
        break;
      }
      case 'set-char': {
        const at = b % (line.length + 1);
        lines[i] = line.slice(0, at) + fragment.slice(0, 1) + line.slice(at + 1);
        break;
      }
      case 'insert': {
        const at = b % (line.length + 1);
        lines[i] = line.slice(0, at) + fragment + line.slice(at);
        break;
      }
      case 'indent':
        lines[i] = `  ${line}`;
        break;
      default:
        lines[i] = line.replace(/^ {1,2}/, '');
    }
    if (lines.length === 0) lines.push('');
  }
  return lines.join('\n');
}

describe('mutations of the docs scenarios', () => {
  it('every docs scenario runs as it is', () => {
    for (const text of docs) expect(attempt(text)).toBe('ran');
  });

  it(
    'a mutated docs scenario runs, or is refused by path (syntax errors by line and column)',
    () => {
      fc.assert(
        fc.property(mutationArb, ([d, steps]) => {
          attempt(mutate(docs[d]!, steps));
        }),
        { seed: seed(15_003), numRuns: runs(150) },
      );
    },
    timeout(runs(150)),
  );
});

// ---- YAML and JSON edge cases ------------------------------------------------------------------

const edgeTextArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.json({ maxDepth: 6 }),
  fc.constantFrom(
    '',
    '---',
    '~',
    'null',
    '[]',
    '{}',
    '"hosts"',
    'hosts: !!binary aGVsbG8=',
    'hosts: !!set { a, b }',
    'hosts: !!omap [ a: 1 ]',
    'hosts: &a [*a]',
    'a: &a 1\nb: *b',
    '<<: {hosts: []}',
    'hosts:\n  - { group: n, capacity: { cpu: .inf, memory: .nan } }',
    'hosts:\n  - { group: n, capacity: { cpu: 0x10, memory: 0o17 } }',
    'hosts:\n  - { group: n, capacity: { cpu: "4", memory: 1Gi } }\nhorizon: 1e999',
    'hosts:\n  - { group: n, capacity: { cpu: "4", memory: 1Gi } }\nseed: 1e308',
    'hosts:\n  - { group: n, capacity: { cpu: "4", memory: 1Gi } }\n---\nhosts: []',
    '%YAML 1.2\n---\nhosts: []',
    '{"hosts": [{"group": "n", "capacity": {"cpu": "4", "memory": "1Gi"}, "__proto__": {"x": 1}}]}',
    `hosts: ${'['.repeat(5000)}${']'.repeat(5000)}`,
    `hosts:\n${'  - '.repeat(3000)}x`,
    `{"a": ${'{"a": '.repeat(3000)}1${'}'.repeat(3000)}}`,
    `hosts: [${'{group: n, capacity: {cpu: "1", memory: 1Gi}}, '.repeat(2000)}]`,
  ),
  // Deep nesting at a random depth, in flow or block style.
  fc
    .tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean())
    .map(([n, flow]) =>
      flow
        ? `hosts: ${'['.repeat(n)}1${']'.repeat(n)}`
        : `hosts:\n${Array.from({ length: Math.min(n, 300) }, (_, i) => `${'  '.repeat(i)}-`).join('\n')} 1`,
    ),
);

describe('YAML and JSON edge cases', () => {
  it(
    'odd text is a scenario, or refused by path; never an exception of another kind',
    () => {
      fc.assert(
        fc.property(edgeTextArb, (text) => {
          attempt(text);
        }),
        { seed: seed(15_004), numRuns: runs(300) },
      );
    },
    timeout(runs(300)),
  );

  it('the process keeps its heap: the suite has not grown it past 1 GiB', () => {
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  });
});
