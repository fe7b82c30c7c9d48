// Lesson 5: liveness vs readiness. A hang, a readiness blip, a slow start, and CrashLoopBackOff.
import { createSimulation } from '@berth/cluster';
import { app, timeline } from './liveness-readiness/app.js';

// #region hang
const liveness = { initialDelay: '10s' }; // the other settings are Kubernetes' defaults
const readiness = {};
const hung = createSimulation(app({ probes: { liveness, readiness } }, [{ kind: 'hang', at: '1m', container: 'api' }]));
hung.run('2m');
timeline(hung, 'api');
// #endregion

console.log();
// #region blip
const blip = createSimulation(
  app({ probes: { liveness, readiness } }, [
    { kind: 'readiness-failure', at: '1m', container: 'api', duration: '45s' }, // say, its database is unreachable
  ]),
);
blip.run('3m');
timeline(blip, 'api');
console.log(`restarts: ${blip.container('api')!.health.restarts}`);
// #endregion

console.log();
// #region slow
const slow = createSimulation(app({ name: 'legacy', probes: { liveness: {}, readiness }, warmup: '45s' }));
slow.run('30m');
const crashes = slow.events().filter((e) => e.type === 'container.crashed');
console.log(`without a startup probe: ${crashes.length} restarts in 30 min, never ready`);
console.log(
  `back-off delays (s): ${crashes.map((e) => (e.type === 'container.crashed' ? e.restartIn! / 1000 : 0)).join(', ')}`,
);
// #endregion

console.log();
// #region startup
const startup = { failureThreshold: 30 }; // up to 30 × 10 s = 5 min to start
const saved = createSimulation(app({ name: 'legacy', probes: { liveness: {}, readiness, startup }, warmup: '45s' }));
saved.run('30m');
timeline(saved, 'legacy');
// #endregion
