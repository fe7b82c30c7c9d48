import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parseScenario.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { FunctionController } from './FunctionController.js';
import { functionSettings } from './functionSettings.js';

// Invocations under random platforms, limits and host crashes. Checked after every agenda entry: no
// instance holds more invocations than its concurrency; the account's and each reserved function's
// concurrency stay within their limits. Checked at many instants: every invocation that arrived is
// served, rejected, failed or pending. Once arrivals stop and retries run out, nothing is pending: no
// invocation is lost.
//
// CI runs a few dozen scenarios; BERTH_PROPERTY_RUNS=2000 runs more. A failure prints fast-check's seed
// and path: pass them to fc.assert (`{ seed, path }`) to replay it.

const RUNS = Number(process.env.BERTH_PROPERTY_RUNS ?? 25);
const HORIZON = 60_000;
/** After the horizon: long enough for async retries (up to 6 h of back-off) to run out. */
const DRAIN = 7 * 3_600_000;

const functionArb = fc.record({
  reserved: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  provisioned: fc.integer({ min: 0, max: 2 }),
  mode: fc.constantFrom('sync', 'async'),
  handlerMs: fc.integer({ min: 1, max: 3000 }),
  startupMs: fc.integer({ min: 0, max: 2000 }),
  timeoutMs: fc.integer({ min: 500, max: 4000 }),
  rate: fc.integer({ min: 1, max: 30 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
});

const caseArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  platform: fc.constantFrom('lambda', 'openwhisk', 'cloud-run', 'knative', 'azure-consumption'),
  account: fc.integer({ min: 8, max: 40 }),
  throttle: fc.constantFrom('reject', 'queue'),
  keepAlive: fc.constantFrom('fixed', 'none', 'hybrid'),
  a: functionArb,
  b: functionArb,
  crashes: fc.array(fc.record({ at: fc.integer({ min: 0, max: HORIZON }), host: fc.integer({ min: 0, max: 2 }) }), {
    maxLength: 3,
  }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function scenario(c: Case): ScenarioInput {
  const multi = c.platform === 'cloud-run' || c.platform === 'knative' || c.platform === 'azure-consumption';
  const fn = (f: Case['a']) => ({
    memory: 256,
    ...(c.platform === 'lambda' && f.reserved !== undefined ? { reserved: Math.max(f.reserved, f.provisioned) } : {}),
    provisioned: f.provisioned,
    mode: f.mode,
    startup: { dist: 'constant' as const, value: f.startupMs },
    handler: { dist: 'exponential' as const, mean: f.handlerMs },
    timeout: f.timeoutMs,
    ...(multi ? { concurrency: f.concurrency } : {}),
    invocations: { process: 'poisson' as const, rate: f.rate },
  });
  return {
    seed: c.seed,
    horizon: HORIZON,
    hosts: [{ group: 'node', count: 3, capacity: { cpu: '64', memory: '64Gi' } }],
    functions: {
      platform: c.platform,
      // Lambda keeps 100 executions unreserved: its account is 100 larger, so the unreserved pool is small too.
      accountConcurrency: c.platform === 'lambda' ? c.account + 100 : c.account,
      throttle: c.throttle,
      keepAlive: c.keepAlive,
      definitions: { a: fn(c.a), b: fn(c.b) },
    },
  };
}

/** The simulation with a function controller of our own, so that the test can look at its instances. */
function build(input: ScenarioInput): { sim: Simulation; platform: FunctionController; account: number } {
  const parsed = parseScenario(input);
  const settings = functionSettings(parsed, new Map(Object.entries(parsed.images)))!;
  const sim = createSimulation({ ...input, functions: undefined }, { eventLog: { keep: 'none' } });
  const platform = new FunctionController(sim, settings);
  sim.addController({
    name: 'functions',
    hears: platform.hears,
    start: () => {
      platform.start();
      return platform.handle;
    },
  });
  return { sim, platform, account: settings.platform.accountConcurrency };
}

function check(
  sim: Simulation,
  platform: FunctionController,
  account: number,
  reserved: Record<string, number>,
  errors: string[],
) {
  for (const v of platform.instanceViews()) {
    if (v.invocations > v.concurrency)
      errors.push(`at ${sim.now}: ${v.name} holds ${v.invocations} > ${v.concurrency}`);
  }
  const use = platform.concurrencyInUse();
  if (use.account > account) errors.push(`at ${sim.now}: ${use.account} concurrent executions > ${account}`);
  for (const [name, limit] of Object.entries(reserved)) {
    if (use.functions[name]! > limit)
      errors.push(`at ${sim.now}: ${name} uses ${use.functions[name]} > ${limit} reserved`);
  }
}

function checkAccounting(sim: Simulation, platform: FunctionController, errors: string[]) {
  const report = platform.report();
  // A host counts as used while it holds an instance: never more hosts than the cluster's, nor than instances.
  const used = report.hostsUsed;
  if (used.peak > 3) errors.push(`at ${sim.now}: ${used.peak} hosts used > 3`);
  if (used.mean > report.total.meanInstances + 1e-9)
    errors.push(`at ${sim.now}: ${used.mean} hosts used on average > ${report.total.meanInstances} instances`);
  if (Math.abs(used.hostHours * 3_600_000 - used.mean * sim.now) > 1e-6 * Math.max(1, sim.now))
    errors.push(`at ${sim.now}: host-hours ${used.hostHours} ≠ mean × time`);
  for (const [name, f] of Object.entries(report.functions)) {
    if (f.served + f.rejected + f.failed + f.pending !== f.arrived) {
      errors.push(`at ${sim.now}: ${name}: ${f.served} + ${f.rejected} + ${f.failed} + ${f.pending} ≠ ${f.arrived}`);
    }
    if (f.pending < 0) errors.push(`at ${sim.now}: ${name}: ${f.pending} pending`);
  }
}

describe('function invocations under random platforms, limits and host crashes', () => {
  it('loses no invocation and exceeds no concurrency limit', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const input = scenario(c);
        const { sim, platform, account } = build(input);
        const defs = (input.functions as { definitions: Record<string, { reserved?: number }> }).definitions;
        const reserved: Record<string, number> = {};
        for (const [name, d] of Object.entries(defs)) if (d.reserved !== undefined) reserved[name] = d.reserved;
        const errors: string[] = [];
        const crashes = [...c.crashes].sort((x, y) => x.at - y.at);
        const instants = [...Array.from({ length: 13 }, (_, i) => i * 5000), ...crashes.map((x) => x.at)].sort(
          (x, y) => x - y,
        );
        let next = 0;
        for (const at of instants) {
          while (sim.env.peek() < at && errors.length === 0) {
            sim.env.step();
            check(sim, platform, account, reserved, errors);
          }
          sim.run(at);
          checkAccounting(sim, platform, errors);
          while (next < crashes.length && crashes[next]!.at <= at) {
            const host = sim.cluster.hosts[crashes[next++]!.host]!;
            if (host.alive) sim.crashHost(host.name, { recoverAfter: 20_000 });
          }
          if (errors.length > 0) break;
        }
        sim.run(HORIZON + DRAIN);
        checkAccounting(sim, platform, errors);
        const report = platform.report();
        for (const [name, f] of Object.entries(report.functions)) {
          if (f.pending !== 0) errors.push(`${name}: ${f.pending} still pending after arrivals stopped`);
        }
        expect(report.total.arrived).toBeGreaterThan(0);
        expect(errors.slice(0, 5)).toEqual([]);
      }),
      { seed: 20_261_206, numRuns: RUNS },
    );
  });
});
