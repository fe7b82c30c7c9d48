// Lesson 15, try it yourself: the hybrid policy over a shorter range and with a lower tail percentile,
// and a keep-alive policy of your own — each on the lesson's day of three functions.
import { createSimulation, type KeepAlivePolicy } from '@berth/cluster';
import { type KeepAlive, scenario } from './keep-alive/scenario.js';

/**
 * A policy of our own: keep an idle instance for twice the longest idle time seen so far (at least
 * a minute, at most an hour), never pre-warm.
 */
const twiceTheLongest: KeepAlivePolicy<{ longest: number }> = {
  name: 'twice-the-longest',
  createState: () => ({ longest: 0 }),
  observe(state, idleMs) {
    state.longest = Math.max(state.longest, idleMs);
  },
  windows(state, out) {
    out.prewarmMs = 0;
    out.keepAliveMs = Math.min(Math.max(2 * state.longest, 60_000), 3_600_000);
  },
};

const policies: Array<[string, KeepAlive]> = [
  ['hybrid (4 h)', { policy: 'hybrid' }],
  ['hybrid (1 h)', { policy: 'hybrid', range: '1h' }],
  ['hybrid, tail 0.95', { policy: 'hybrid', tail: 0.95 }],
  ['twice the longest', 'twice-the-longest'],
];
console.log('policy             cold %: report  api  webhook   idle GB-h   pre-warms');
for (const [label, keepAlive] of policies) {
  const sim = createSimulation(scenario(keepAlive), {
    eventLog: { keep: 'none' },
    keepAlivePolicies: { 'twice-the-longest': () => twiceTheLongest },
  });
  sim.run();
  const r = sim.functions()!;
  const cold = (name: string) => (100 * r.functions[name]!.coldStartRatio).toFixed(0).padStart(4);
  console.log(
    `${label.padEnd(19)}${cold('report').padStart(13)} ${cold('api')} ${cold('webhook').padStart(8)}` +
      `${(r.total.idleGbSeconds / 3600).toFixed(2).padStart(12)}${String(r.total.prewarms).padStart(12)}`,
  );
}
