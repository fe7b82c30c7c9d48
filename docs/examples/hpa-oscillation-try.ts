// Lesson 11, try it yourself: a scale-up window as well, a slower swing under the default behaviour,
// and a 3-minute scale-down window with a 10 %-per-minute policy.
import { collectAutoscaling, createSimulation, type ScenarioInput } from '@berth/cluster';
import { swinging } from './hpa-oscillation/swinging.js';

const MINUTE = 60_000;

/** The lesson's hour with `behavior`, its demand switching every `every` minutes. */
function scenario(behavior: object, every = 2): ScenarioInput {
  const s = swinging(behavior) as unknown as { services: { web: { usage: { cpu: { steps: unknown[] } } } } };
  s.services.web.usage.cpu.steps = Array.from({ length: 60 / every }, (_, i) => ({
    at: `${every * (i + 1)}m`,
    value: i % 2 === 0 ? '2.4' : '1.6',
  }));
  return s as unknown as ScenarioInput;
}

/** Runs the hour, sampling ready replicas every 30 s; prints scalings, replicas and high-phase utilisation. */
function row(name: string, behavior: object, every = 2): void {
  const sim = createSimulation(scenario(behavior, every), { keepFinished: false });
  const autoscaling = collectAutoscaling(sim);
  const high: number[] = [];
  for (let at = MINUTE / 2; at <= 60 * MINUTE; at += MINUTE / 2) {
    sim.run(at);
    // The demand is 2.4 cores from minute `every` for `every` minutes, then 1.6, and so on.
    const phase = Math.floor(at / (every * MINUTE));
    if (phase % 2 === 0 || at <= 10 * MINUTE) continue;
    let ready = 0;
    for (const c of sim.allContainers()) if (c.service === 'web' && c.health.ready) ready += 1;
    high.push(2400 / (ready * 250));
  }
  const web = autoscaling.report().services.web!;
  const mean = high.reduce((a, b) => a + b, 0) / high.length;
  const cells = [
    String(web.scalings.length).padStart(8),
    web.replicas.mean.toFixed(2).padStart(13),
    `${web.replicas.min}-${web.replicas.max}`.padStart(6),
    `${(mean * 100).toFixed(0)} %`.padStart(14),
  ];
  console.log(`${name.padEnd(34)}  ${cells.join('  ')}`);
}

console.log('behaviour                           scalings  mean replicas  range  high-phase cpu');
row('the lesson: window 0s', { scaleDown: { stabilizationWindow: '0s' } });
// 1. A 3-minute window on scale-up as well: the highs never last long enough to be acted on.
row('window 0s, scale-up window 3m', {
  scaleDown: { stabilizationWindow: '0s' },
  scaleUp: { stabilizationWindow: '3m' },
});
// 2. The default behaviour (scale-down window 5m) against a swing every 2 and every 10 minutes.
row('default, swing every 2 min', {});
row('default, swing every 10 min', {}, 10);
// 3. A 3-minute scale-down window, and at most 10 % of the replicas removed per minute.
row('window 3m, 10 % per minute down', {
  scaleDown: { stabilizationWindow: '3m', policies: [{ type: 'Percent', value: 10, period: '1m' }] },
});
