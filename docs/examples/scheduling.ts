// Lesson 2: why did my container land there? Filters, scores and the explain record.
import { createSimulation, formatDecision } from '@berth/cluster';
import { scenario, web } from './scheduling/cluster.js';

// #region explain
const sim = createSimulation(scenario, { explain: ['web-0', 'web-1', 'web-2', 'report'] });
sim.run('1m'); // the database starts
sim.update((desired) => {
  desired.services.web = web;
});
sim.run('2m');

for (const name of ['web-0', 'web-1', 'web-2']) {
  for (const decision of sim.decisions(name)) console.log(formatDecision(decision));
}
// #endregion

// #region report
const attempts = sim.decisions('report');
console.log(formatDecision(attempts[0]!));
console.log(`report is ${sim.container('report')!.phase} at ${sim.now / 1000} s after ${attempts.length} attempt(s)`);
// #endregion

// #region most-allocated
const packed = createSimulation(scenario, { strategy: 'most-allocated', explain: ['web-0'] });
packed.run('1m');
packed.update((desired) => {
  desired.services.web = web;
});
packed.run('2m');
console.log();
console.log(formatDecision(packed.decisions('web-0')[0]!));
// #endregion
