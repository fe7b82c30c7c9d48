// A program written as a user of the published packages writes one: it imports each package by name and
// uses a few of its exports across package boundaries. The pack check compiles it with tsc against the
// installed tarballs and runs it with plain Node, and runs it here from the sources; both must print the
// same lines. Type errors in the published declarations fail the compile.
import { EXIT_CODES, type RunOutcome, runScenario } from '@berth/cli';
import { createSimulation, parseScenario, type ScenarioInput } from '@berth/cluster';
import { ConfigError, createRandom, Environment, type ProcessGenerator } from '@berth/kernel';
import { generateFleet, poissonArrivals } from '@berth/workloads';

// @berth/kernel: a process on the virtual clock, with seeded draws.
const env = new Environment();
const stream = createRandom(3).stream('gaps');
const ticks: number[] = [];
function* ticker(): ProcessGenerator {
  for (let i = 0; i < 3; i += 1) {
    yield env.timeout(stream.exponential(1000));
    ticks.push(Math.round(env.now));
  }
}
env.process(ticker());
env.run();
console.log(`kernel: ticks at ${ticks.join(', ')} ms`);

// @berth/workloads feeding @berth/cluster.
const arrivals = [...poissonArrivals(1).times(createRandom(3).stream('arrivals'), 5000)].map(Math.round);
console.log(`workloads: ${arrivals.length} arrivals in 5 s, first at ${arrivals[0]} ms`);
const scenario: ScenarioInput = {
  seed: 7,
  hosts: generateFleet({
    zones: ['a', 'b'],
    shapes: [{ name: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
  }),
  services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } } },
};
const sim = createSimulation(scenario).run('1m');
console.log(`cluster: ${sim.counters.placed} placements on ${Object.keys(sim.snapshot().hosts).length} hosts`);

// An error thrown by @berth/cluster is the ConfigError class of @berth/kernel: one kernel is installed.
try {
  parseScenario({ hosts: [{ group: 'bad', count: -1, capacity: { cpu: '1' } }] });
  console.log('cluster: a bad scenario was accepted');
} catch (error) {
  const paths = error instanceof ConfigError ? error.issues.map((issue) => issue.path).join(', ') : String(error);
  console.log(`cluster: ConfigError from @berth/kernel: ${error instanceof ConfigError}; issues at ${paths}`);
}

// @berth/cli's programmatic entry.
const outcome: RunOutcome = runScenario(scenario, { until: 60_000 });
console.log(
  `cli: runScenario placed ${outcome.metrics.scheduling.placements}; exit codes ${JSON.stringify(EXIT_CODES)}`,
);
