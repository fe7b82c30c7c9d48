// Submitting work later: a template written as in a scenario, compiled once, submitted from a callback.
import { compileTemplate, createSimulation } from '@berth/cluster';

const sim = createSimulation({
  seed: 7,
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '16Gi' } }],
  images: { etl: { pullTime: '10s' } },
});

// #region compile
// Validated like the scenario's own templates: a bad field throws a ConfigError naming its path.
const etl = compileTemplate(sim, { requests: { cpu: '1500m', memory: '2Gi' }, image: 'etl', duration: '5m' });
// #endregion compile

// #region submit
// Every 2 minutes of simulated time, one more task; the third and later ones run longer.
for (let i = 0; i < 6; i++) {
  sim.env.schedule(i * 120_000, () => {
    sim.submit(etl.spec(`etl-${i}`, i >= 2 ? { durationMs: 600_000 } : undefined));
  });
}
sim.run('30m');
// #endregion submit

for (let i = 0; i < 6; i++) {
  const c = sim.container(`etl-${i}`)!;
  const ran = c.finishedAt >= 0 ? `${(c.finishedAt - c.startedAt) / 60_000} min` : 'still running';
  console.log(`etl-${i}  on ${c.host?.name ?? '-'}  ${c.phase.padEnd(9)}  ran ${ran}`);
}

// #region error
try {
  compileTemplate(sim, { requests: { cpu: 'two' }, duration: '-1s' });
} catch (error) {
  console.log((error as Error).message);
}
// #endregion error
