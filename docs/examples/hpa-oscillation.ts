// Lesson 11: why your HPA oscillates (and how behaviour policies stop it). A demand that swings every
// two minutes, an autoscaler with no scale-down window that chases it, and the behaviours that stop it.
import { collectAutoscaling, createSimulation } from '@berth/cluster';
import { swinging } from './hpa-oscillation/swinging.js';

// #region compare
const behaviors: Array<[string, object]> = [
  ['scale-down window 0s', { scaleDown: { stabilizationWindow: '0s' } }],
  ['scale-down window 1m', { scaleDown: { stabilizationWindow: '1m' } }],
  ['default (window 5m)', {}],
  [
    'window 0s, 1 pod/min down',
    { scaleDown: { stabilizationWindow: '0s', policies: [{ type: 'Pods', value: 1, period: '1m' }] } },
  ],
];
console.log('behaviour                       scalings  replicas started  mean replicas  range');
for (const [name, behavior] of behaviors) {
  const sim = createSimulation(swinging(behavior), { keepFinished: false });
  const autoscaling = collectAutoscaling(sim);
  // Replicas created after the first 13 (those exist before the subscription).
  let started = 0;
  sim.log.subscribe(() => {
    started += 1;
  }, ['container.created']);
  sim.run();
  const web = autoscaling.report().services.web!;
  const cells = [
    String(web.scalings.length).padStart(8),
    String(started).padStart(16),
    web.replicas.mean.toFixed(2).padStart(13),
    `${web.replicas.min}-${web.replicas.max}`.padStart(6),
  ];
  console.log(`${name.padEnd(30)}  ${cells.join('  ')}`);
}
// #endregion

// #region trace
// The first ten minutes without a scale-down window: each swing of the demand is a scaling, a few
// seconds of stale metrics later.
const sim = createSimulation(swinging({ scaleDown: { stabilizationWindow: '0s' } }), { eventLog: { keep: 'all' } });
sim.run('10m');
console.log();
for (const e of sim.events()) {
  if (e.type !== 'autoscaler.scaled') continue;
  const m = e.metrics[0]!;
  const at = new Date(e.at).toISOString().slice(14, 19);
  console.log(
    `${at}  ${String(e.from).padStart(2)} → ${String(e.to).padEnd(2)}  cpu ${m.current}% of ${m.target}%  ${e.reason}`,
  );
}
// #endregion
