// Lesson 14: what is a cold start. One Lambda function on a small cluster: its first invocation starts
// an instance (a container the scheduler places, whose image is pulled, whose runtime starts), later
// ones reuse it while it is kept alive. Then the keep-alive is varied: longer keeps more invocations
// warm, and costs more memory held idle.
import { createSimulation } from '@berth/cluster';
import { RATE, scenario } from './cold-starts/scenario.js';

// #region anatomy
// The first invocation, step by step, from the event log.
const sim = createSimulation(scenario('10m'));
sim.run('1h');
const first = sim.events().filter((e) => 'container' in e && e.container === 'resize@0');
const t0 = first[0]!.at;
for (const e of first.slice(0, 6)) console.log(`+${(e.at - t0).toFixed(0).padStart(5)} ms  ${e.type}`);
const hour = sim.functions()!.functions.resize!;
console.log(
  `first hour: ${hour.served} invocations, ${hour.cold} cold; cold-start wait ${hour.coldStartWait.max.toFixed(0)} ms ` +
    `at most, handler ${hour.meanHandlerMs.toFixed(0)} ms on average`,
);
// #endregion

// #region tradeoff
// A week at each keep-alive: the cold-start ratio against e^(−λT), and the memory held idle.
console.log('\nkeep-alive  cold-start %  e^(-λT) %  p99 latency  idle GB-h');
for (const ttl of ['1m', '5m', '10m', '30m']) {
  const s = createSimulation(scenario(ttl), { eventLog: { keep: 'none' } });
  s.run();
  const f = s.functions()!.functions.resize!;
  const minutes = Number.parseInt(ttl, 10);
  const expected = 100 * Math.exp(-RATE * minutes * 60);
  console.log(
    `${ttl.padStart(10)}  ${(100 * f.coldStartRatio).toFixed(1).padStart(12)}  ${expected.toFixed(1).padStart(9)}` +
      `  ${f.latency.p99.toFixed(0).padStart(8)} ms  ${(f.idleGbSeconds / 3600).toFixed(1).padStart(9)}`,
  );
}
// #endregion
