// The simulation behind lesson 8: a service under steady load loses one replica, by a crash of its
// container or of its host; which requests fail, when, and why.
import { createSimulation, type FailureCause, type ScenarioInput } from '@berth/cluster';

// #region scenario
/** What the lesson varies: the request rate, the discovery delay, the client's timeout and retries. */
export interface ShopOptions {
  readonly rate?: number; // requests per second
  readonly propagation?: string; // from a replica's readiness change to the proxies knowing it
  readonly timeout?: string;
  readonly retry?: { readonly attempts: number; readonly budget?: string };
}

/** Four replicas of `shop`, one per host, each serving up to 10 requests at once, 100 ms of work each. */
export function shop({ rate = 200, propagation = '1s', timeout, retry }: ShopOptions = {}): ScenarioInput {
  return {
    seed: 8,
    horizon: '100s',
    hosts: [{ group: 'node', count: 4, capacity: { cpu: '4', memory: '8Gi' } }],
    services: {
      shop: { replicas: 4, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 10 } },
    },
    requests: {
      buy: {
        service: 'shop',
        serviceTime: { dist: 'exponential', mean: '100ms' },
        ...(timeout === undefined ? {} : { timeout }),
        ...(retry === undefined ? {} : { retry }),
      },
    },
    load: [{ name: 'users', request: 'buy', arrivals: { process: 'poisson', rate } }],
    network: { propagation },
  };
}
// #endregion

// #region crash
/** What a crash cost: every request that failed after it, and when the cluster reacted (ms from the crash). */
export interface Failover {
  readonly failures: readonly { readonly at: number; readonly cause: FailureCause }[];
  /** When the proxies stopped sending to the lost replica. */
  readonly dropped: number;
  /** When the control plane marked the host not ready (host crashes only). */
  readonly notReady: number | undefined;
  /** Retries sent after the crash. */
  readonly retries: number;
  /** The longest any request took to succeed, over the whole run, ms. */
  readonly slowest: number;
}

/** Runs 30 s of steady load, crashes shop-0's container or its host, and follows the next 70 s. */
export function crashUnderLoad(scenario: ScenarioInput, what: 'container' | 'host'): Failover {
  const sim = createSimulation(scenario);
  sim.run('30s');
  const crashAt = sim.now;
  const retriesBefore = sim.traffic().sources.users!.retries;
  if (what === 'container') sim.crashContainer('shop-0');
  else sim.crashHost(sim.container('shop-0')!.host!.name);
  sim.run('100s');
  const after = sim.events().filter((e) => e.at >= crashAt);
  const failures = after.flatMap((e) => (e.type === 'request.failed' ? [{ at: e.at - crashAt, cause: e.cause }] : []));
  const dropped = after.find((e) => e.type === 'endpoints.updated' && !e.endpoints.includes('shop-0'))!;
  const notReady = after.find((e) => e.type === 'host.state' && e.to === 'not-ready');
  return {
    failures,
    dropped: dropped.at - crashAt,
    notReady: notReady === undefined ? undefined : notReady.at - crashAt,
    retries: sim.traffic().sources.users!.retries - retriesBefore,
    slowest: sim.traffic().sources.users!.latency.max,
  };
}
// #endregion
