// Lesson 14, try it yourself: no keep-alive, the hybrid policy, two provisioned instances, and
// OpenWhisk's pause — each for the lesson's week, beside its 10-minute keep-alive.
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { scenario } from './cold-starts/scenario.js';

type Functions = {
  platform?: string;
  keepAlive?: object;
  resume?: string;
  definitions: { resize: { provisioned?: number; reserved?: number } };
};

/** Runs the lesson's week with one change to its `functions` and prints the figures. */
function row(name: string, change: (f: Functions) => void): void {
  const s = scenario('10m');
  change(s.functions as unknown as Functions);
  const sim = createSimulation(s as ScenarioInput, { eventLog: { keep: 'none' } });
  sim.run();
  const report = sim.functions()!;
  const f = report.functions.resize!;
  const cells = [
    (100 * f.coldStartRatio).toFixed(1).padStart(6),
    String(f.provisionedStarts).padStart(11),
    `${f.latency.p99.toFixed(0)} ms`.padStart(11),
    (f.idleGbSeconds / 3600).toFixed(1).padStart(9),
    // A platform without public prices (OpenWhisk runs on your own machines) reports no user cost: NaN.
    (Number.isNaN(f.cost) ? '-' : `$${f.cost.toFixed(4)}`).padStart(9),
  ];
  console.log(`${name.padEnd(26)}${cells.join('  ')}`);
}

console.log('change                     cold %  provisioned  p99 latency  idle GB-h  user cost');
row('none (fixed 10 min)', () => {});
row("keepAlive policy 'none'", (f) => {
  f.keepAlive = { policy: 'none' };
});
row("keepAlive policy 'hybrid'", (f) => {
  f.keepAlive = { policy: 'hybrid' };
});
row('provisioned: 2', (f) => {
  f.definitions.resize.reserved = 2;
  f.definitions.resize.provisioned = 2;
});
row("platform 'openwhisk'", (f) => {
  f.platform = 'openwhisk';
});
row("openwhisk, resume '50ms'", (f) => {
  f.platform = 'openwhisk';
  f.resume = '50ms';
});
