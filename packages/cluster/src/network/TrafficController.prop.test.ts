import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parseScenario.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { instantiateScenario } from '../simulation/instantiateScenario.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { BALANCING_POLICIES } from './policyCatalog.js';
import { TrafficController } from './TrafficController.js';
import type { RequestFigures } from './TrafficStats.js';

// Requests under random scenarios and random faults: every balancing policy, concurrency, queue sizes,
// timeouts, retries, a call to a second service, replicas and hosts crashing at random times. Checked
// after every agenda entry: no replica holds more requests than its concurrency, or queues more than its
// queue. Checked at many instants: every request sent is answered, failed for good, or in flight (the
// in-flight count is kept as requests come and go, not derived from the others). Once the load stops and
// the faults heal, nothing stays in flight: no request is lost.
//
// CI runs a few dozen scenarios; BERTH_PROPERTY_RUNS=2000 runs more. A failure prints fast-check's seed
// and path: pass them to fc.assert (`{ seed, path }`) to replay it.

const RUNS = Number(process.env.BERTH_PROPERTY_RUNS ?? 30);
const HORIZON = 20_000;
/** After the horizon: long enough for crash-loop back-offs, retries and queues to run out. */
const DRAIN = 15 * 60_000;

const policyArb = fc.oneof(
  fc.constantFrom(...Object.keys(BALANCING_POLICIES)),
  fc.record({
    policy: fc.constant('least-request'),
    choices: fc.integer({ min: 2, max: 4 }),
    bias: fc.double({ min: 0, max: 3, noNaN: true }),
  }),
  fc.record({ policy: fc.constant('ring-hash'), minRingSize: fc.integer({ min: 1, max: 2048 }) }),
  fc.record({ policy: fc.constantFrom('maglev'), tableSize: fc.constantFrom(13, 251, 65_537) }),
);

const servingArb = fc.record({
  replicas: fc.integer({ min: 1, max: 4 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  queue: fc.integer({ min: 0, max: 4 }),
  balancing: policyArb,
});

const serviceTimeArb = fc.oneof(
  fc.record({ dist: fc.constant('exponential'), mean: fc.integer({ min: 2, max: 80 }) }),
  fc.record({ dist: fc.constant('constant'), value: fc.integer({ min: 1, max: 80 }) }),
);

const requestArb = fc.record({
  serviceTime: serviceTimeArb,
  timeout: fc.option(fc.integer({ min: 5, max: 400 }), { nil: undefined }),
  retry: fc.option(
    fc.record({
      attempts: fc.integer({ min: 0, max: 3 }),
      budget: fc.constantFrom('20%', '100%'),
      minConcurrency: fc.integer({ min: 0, max: 3 }),
    }),
    { nil: undefined },
  ),
});

type Fault =
  | { kind: 'crash-replica'; at: number; pick: number }
  | { kind: 'crash-host'; at: number; host: number; lasts: number };

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant('crash-replica' as const), at: fc.integer({ min: 0, max: HORIZON }), pick: fc.nat(7) }),
  fc.record({
    kind: fc.constant('crash-host' as const),
    at: fc.integer({ min: 0, max: HORIZON }),
    host: fc.nat(2),
    lasts: fc.integer({ min: 100, max: 8000 }),
  }),
);

const caseArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  web: servingArb,
  db: servingArb,
  get: requestArb,
  lookup: requestArb,
  calls: fc.boolean(),
  rate: fc.integer({ min: 10, max: 400 }),
  keys: fc.integer({ min: 0, max: 50 }),
  propagation: fc.integer({ min: 0, max: 2000 }),
  faults: fc.array(faultArb, { maxLength: 8 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function scenario(c: Case): ScenarioInput {
  const service = ({ replicas, ...serving }: Case['web']) => ({
    replicas,
    template: { requests: { cpu: '100m', memory: '64Mi' } },
    serving: serving as never,
  });
  return {
    seed: c.seed,
    horizon: HORIZON,
    network: { propagation: c.propagation },
    hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
    services: { web: service(c.web), db: service(c.db) },
    requests: {
      get: { service: 'web', ...c.get, calls: c.calls ? ['lookup'] : [] },
      lookup: { service: 'db', ...c.lookup },
    },
    load: [{ name: 'users', request: 'get', keys: c.keys, arrivals: { process: 'poisson', rate: c.rate } }],
  };
}

/** The simulation with a traffic controller of our own, so that the test can look at its endpoints. */
function build(input: ScenarioInput): { sim: Simulation; traffic: TrafficController } {
  const settings = instantiateScenario(parseScenario(input)).traffic!;
  const sim = createSimulation({ ...input, requests: {}, load: [] });
  const traffic = new TrafficController(sim, settings);
  sim.addController({
    name: 'traffic',
    start: () => {
      traffic.start();
      return traffic.handle;
    },
  });
  return { sim, traffic };
}

function accountingErrors(name: string, f: RequestFigures): string[] {
  const failed = Object.values(f.failed).reduce((a, b) => a + b, 0);
  const errors: string[] = [];
  if (f.succeeded + failed + f.inFlight !== f.sent)
    errors.push(`${name}: ${f.succeeded} succeeded + ${failed} failed + ${f.inFlight} in flight ≠ ${f.sent} sent`);
  if (f.inFlight < 0) errors.push(`${name}: ${f.inFlight} in flight`);
  return errors;
}

function check(sim: Simulation, traffic: TrafficController, errors: string[]): void {
  for (const c of sim.allContainers()) {
    const e = traffic.endpointOf(c);
    if (e === undefined) continue;
    if (e.busy > e.concurrency) errors.push(`at ${sim.now}: ${c.name} holds ${e.busy} > ${e.concurrency}`);
    if (e.holding.length !== e.busy) errors.push(`at ${sim.now}: ${c.name} holds ${e.holding.length}, books ${e.busy}`);
    if (e.queued > e.queueLimit) errors.push(`at ${sim.now}: ${c.name} queues ${e.queued} > ${e.queueLimit}`);
    if (e.active !== e.busy + e.queued + e.hung) {
      errors.push(`at ${sim.now}: ${c.name} active ${e.active} ≠ busy + queued + hung`);
    }
    if (e.hung < 0) errors.push(`at ${sim.now}: ${c.name} hung ${e.hung} < 0`);
  }
}

function checkAccounting(sim: Simulation, traffic: TrafficController, errors: string[]): void {
  const report = traffic.report();
  for (const [name, f] of Object.entries(report.sources))
    errors.push(...accountingErrors(`at ${sim.now}: source ${name}`, f));
  for (const [name, f] of Object.entries(report.requests))
    errors.push(...accountingErrors(`at ${sim.now}: request ${name}`, f));
}

function applyFault(sim: Simulation, fault: Fault): void {
  if (fault.kind === 'crash-replica') {
    const running = [...sim.allContainers()].filter((c) => c.phase === 'running' && c.health.alive);
    if (running.length > 0) sim.crashContainer(running[fault.pick % running.length]!.name);
    return;
  }
  const host = sim.cluster.hosts[fault.host % sim.cluster.hosts.length]!;
  if (host.alive) sim.crashHost(host.name, { recoverAfter: fault.lasts });
}

describe('request traffic under random scenarios and faults', () => {
  it('loses no request, and no replica holds more than its concurrency', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { sim, traffic } = build(scenario(c));
        const errors: string[] = [];
        const faults = [...c.faults].sort((a, b) => a.at - b.at);
        // Accounting at every 500 ms and at every fault; endpoints after every agenda entry.
        const instants = [...Array.from({ length: 41 }, (_, i) => i * 500), ...faults.map((f) => f.at)].sort(
          (a, b) => a - b,
        );
        let next = 0;
        for (const at of instants) {
          while (sim.env.peek() < at && errors.length === 0) {
            sim.env.step();
            check(sim, traffic, errors);
          }
          sim.run(at);
          checkAccounting(sim, traffic, errors);
          while (next < faults.length && faults[next]!.at <= at) applyFault(sim, faults[next++]!);
          if (errors.length > 0) break;
        }
        sim.run(HORIZON + DRAIN);
        check(sim, traffic, errors);
        checkAccounting(sim, traffic, errors);
        const report = traffic.report();
        for (const [name, f] of [...Object.entries(report.sources), ...Object.entries(report.requests)]) {
          if (f.inFlight !== 0) errors.push(`${name}: ${f.inFlight} still in flight after the load stopped`);
        }
        expect(report.sources.users!.sent).toBeGreaterThan(0);
        expect(errors.slice(0, 5)).toEqual([]);
      }),
      { seed: 20_251_206, numRuns: RUNS },
    );
  });
});
