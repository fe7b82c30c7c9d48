// Guide "Write your own controller": every hour, drain the busiest host and report what moved.
import {
  type ClusterRuntime,
  type Controller,
  createSimulation,
  DRAIN_REASON,
  type DrainHandle,
  drainHost,
  type Host,
  type ScenarioInput,
} from '@berth/cluster';

// #region controller
/**
 * Every `every` ms, drains the ready host that holds the most containers (the first such host on a
 * tie) and uncordons it once it is empty, so its containers are rebalanced over the others. Waits for
 * one drain to finish before starting the next. Disruption budgets keep each service available.
 */
function drainBusiest(every: number, budgets: Parameters<typeof drainHost>[2]): Controller {
  return {
    name: 'drain-busiest',
    start(rt: ClusterRuntime) {
      // Per-simulation state lives here, so one controller object may serve several simulations.
      let drain: DrainHandle | null = null;
      const busiest = (): Host | undefined => {
        let best: Host | undefined;
        for (const host of rt.cluster.hosts) {
          const count = rt.cluster.containersOn(host).size;
          if (
            host.state === 'ready' &&
            count > 0 &&
            (best === undefined || count > rt.cluster.containersOn(best).size)
          ) {
            best = host;
          }
        }
        return best;
      };
      const tick = () => {
        if (drain === null || drain.completedAt !== null) {
          const host = busiest();
          if (host !== undefined) drain = drainHost(rt, host.name, { ...budgets, finalState: 'ready' });
        }
        rt.env.schedule(every, tick, undefined, { name: 'drain-busiest' });
      };
      rt.env.schedule(every, tick, undefined, { name: 'drain-busiest' });
      return undefined;
    },
  };
}
// #endregion

// #region scenario
const scenario: ScenarioInput = {
  seed: 3,
  hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
  images: { web: { pullTime: '15s' }, api: { pullTime: '10s' } },
  services: {
    web: { replicas: 6, template: { requests: { cpu: '1', memory: '1Gi' }, image: 'web', startup: '5s' } },
    api: { replicas: 3, template: { requests: { cpu: '2', memory: '2Gi' }, image: 'api', startup: '8s' } },
  },
};

const sim = createSimulation(scenario, {
  controllers: [drainBusiest(3_600_000, { budgets: { web: { maxUnavailable: 1 }, api: { minAvailable: 2 } } })],
});
sim.run('3h30m');
// #endregion

// #region report
// What moved, read back from the event log: each drain, the containers it evicted, the refusals on the
// way, and where the replacements landed (until the next drain starts).
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
interface Window {
  host: string;
  lines: string[];
  evicted: string[];
  placed: string[];
  refused: number;
}
const windows: Window[] = [];
for (const e of sim.events()) {
  const now = windows.at(-1);
  if (e.type === 'drain.started') {
    windows.push({
      host: e.host,
      lines: [`${clock(e.at)} drain of ${e.host} starts`],
      evicted: [],
      placed: [],
      refused: 0,
    });
  } else if (now === undefined) {
  } else if (e.type === 'container.evicted' && e.reason === DRAIN_REASON) {
    now.evicted.push(e.container);
  } else if (e.type === 'eviction.refused') {
    now.refused += 1;
  } else if (e.type === 'container.scheduled') {
    now.placed.push(`${e.container}→${e.host}`);
  } else if (e.type === 'drain.completed') {
    now.lines.push(`${clock(e.at)} ${e.host} empty after ${e.durationMs / 1000} s, uncordoned`);
  }
}
for (const w of windows) {
  console.log(w.lines.join('\n'));
  console.log(`         evicted ${w.evicted.join(', ')}; refused by a budget ${w.refused} time(s) on the way`);
  console.log(`         replacements ${w.placed.join(', ')}`);
}
const perHost = sim.cluster.hosts.map((h) => `${h.name} ${sim.cluster.containersOn(h).size}`);
console.log(`at ${clock(sim.now)}: ${perHost.join(', ')} containers`);
// #endregion
