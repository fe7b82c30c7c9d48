// Lesson 5, try it yourself: a fast readiness probe, a hang with no liveness probe, and a startup probe
// too short for the start.
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { app } from './liveness-readiness/app.js';

const liveness = { initialDelay: '10s' };
type Probe = Record<string, string | number>;

/** When `api` left and rejoined the endpoints, and how often it restarted, by `until`. */
function endpoints(scenario: ScenarioInput, until: string): string {
  const sim = createSimulation(scenario);
  sim.run(until);
  const at = (type: string) =>
    sim
      .events()
      .filter((e) => e.type === type && 'container' in e && e.container === 'api')
      .map((e) => `${e.at / 1000} s`);
  const out = at('container.unready');
  const back = at('container.ready').slice(1);
  const api = sim.container('api')!;
  return `out at ${out.join(', ') || '-'}; back at ${back.join(', ') || '-'}; restarts ${api.health.restarts}`;
}

const hang = [{ kind: 'hang' as const, at: '1m', container: 'api' }];
const blip = [{ kind: 'readiness-failure' as const, at: '1m', container: 'api', duration: '45s' }];
const slowAnswer = [{ kind: 'readiness-failure' as const, at: '61s', container: 'api', duration: '2s' }];
const fast: Probe = { period: '5s', failureThreshold: 1 };

console.log('readiness probe                 hang at 60 s');
for (const [name, readiness] of [
  ['default (10 s, 3 failures)', {}],
  ['period 5 s, 1 failure', fast],
] as const) {
  console.log(`  ${name.padEnd(30)}${endpoints(app({ probes: { liveness, readiness } }, hang), '2m')}`);
}
console.log('readiness probe                 database down 60-105 s');
for (const [name, readiness] of [
  ['default (10 s, 3 failures)', {}],
  ['period 5 s, 1 failure', fast],
] as const) {
  console.log(`  ${name.padEnd(30)}${endpoints(app({ probes: { liveness, readiness } }, blip), '3m')}`);
}
console.log('readiness probe                 one failed answer, at 62 s');
for (const [name, readiness] of [
  ['default (10 s, 3 failures)', {}],
  ['period 5 s, 1 failure', fast],
] as const) {
  console.log(`  ${name.padEnd(30)}${endpoints(app({ probes: { liveness, readiness } }, slowAnswer), '3m')}`);
}

// A hang with a readiness probe only.
const hung = createSimulation(app({ probes: { readiness: {} } }, hang));
hung.run('1h');
const api = hung.container('api')!;
console.log(`\nno liveness probe, hang at 60 s: ${endpoints(app({ probes: { readiness: {} } }, hang), '1h')}`);
console.log(`  after an hour: phase ${api.phase}, process alive ${api.health.alive}, ready ${api.health.ready}`);

// A startup probe that allows 3 × 10 s for a 45 s start.
const short = createSimulation(
  app({ name: 'legacy', probes: { liveness: {}, readiness: {}, startup: { failureThreshold: 3 } }, warmup: '45s' }),
);
short.run('30m');
const crashes = short.events().filter((e) => e.type === 'container.crashed');
const ready = short.events().some((e) => e.type === 'container.ready');
console.log(`\nstartup probe with failureThreshold 3: ${crashes.length} restarts in 30 min, ready ${ready}`);
console.log(
  `  first restart: ${crashes[0] === undefined ? '-' : `${crashes[0].at / 1000} s`} (${crashes[0]?.type === 'container.crashed' ? crashes[0].reason : ''})`,
);
