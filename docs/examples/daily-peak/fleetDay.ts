// A day of requests to one service, answered by three fleets: HPA + cluster autoscaler, HPA + a
// consolidating provisioner, and a static fleet sized for the peak. Shared by lesson 10's comparison,
// its plot and the autoscaling benchmark (benchmarks/autoscaling/run.ts).
import { collectNodeScaling, collectSlo, collectTraffic, createSimulation, type ScenarioInput } from '@berth/cluster';

/** How hosts come and go. */
export type DayFleet = 'static' | 'hpa + cluster autoscaler' | 'hpa + provisioner';

/** The three fleets, in the order they are reported. */
export const DAY_FLEETS: readonly DayFleet[] = ['static', 'hpa + cluster autoscaler', 'hpa + provisioner'];

// #region scenario
/**
 * The load: Poisson arrivals whose rate follows a day, 20/s on average, 70 % swing, peaking at 14:00
 * (6/s at 02:00, 34/s at 14:00), the shape of the Azure Functions 2019 invocations (low at night, high
 * in the afternoon). Each request takes one replica 150 to 350 ms (uniform, 250 ms on average), one at
 * a time: a replica answers at most 4/s. The proxies send each request to the replica with the fewest
 * in flight (least-request).
 */
export const DAY_LOAD = { meanRate: 20, amplitude: 0.7, serviceMs: 250 } as const;

/** The objective: each minute's 99th-percentile latency at most 1 s. */
export const SLO_P99_MS = 1000;

/** A replica requests 1 cpu; hosts have 4 (the provisioner may pick 2, 4, 8 or 16) at $0.048 per cpu-hour. */
const CPU_PRICE = 0.048;

/**
 * Replicas a static fleet needs for the peak at the HPA's 60 % target: 34 requests/s × 0.25 s = 8.5
 * busy replicas; 8.5 / 0.6 → 15. On 4-cpu hosts that is 4 hosts (one for the system besides).
 */
export const STATIC_REPLICAS = 15;

/** The scenario of one fleet; `horizon` shortens the day (the benchmark's smoke run). */
export function fleetDay(fleet: DayFleet, seed = 11, horizon = '1d'): ScenarioInput {
  const host = { cpu: '4', memory: '16Gi' };
  const system = { group: 'system', count: 1, capacity: host, hourlyCost: 4 * CPU_PRICE };
  const hpa = fleet !== 'static';
  const base = {
    seed,
    horizon,
    services: {
      api: {
        replicas: hpa ? 3 : STATIC_REPLICAS,
        template: { requests: { cpu: '1000m', memory: '1Gi' }, nodeSelector: { role: 'worker' }, startup: '10s' },
        serving: { concurrency: 1, balancing: 'least-request' },
        // #region objective
        // The objective: each minute's 99th-percentile latency at most 1 s (SLO_P99_MS); collectSlo judges it.
        slo: { latency: { percentile: 99, threshold: SLO_P99_MS }, window: '1m' },
        // #endregion
        ...(hpa
          ? { autoscaling: { minReplicas: 2, maxReplicas: 40, metrics: [{ resource: 'cpu', averageUtilization: 60 }] } }
          : {}),
      },
    },
    requests: { get: { service: 'api', serviceTime: { dist: 'uniform', min: '150ms', max: '350ms' } } },
    load: [
      {
        name: 'users',
        request: 'get',
        arrivals: { process: 'diurnal', meanRate: DAY_LOAD.meanRate, amplitude: DAY_LOAD.amplitude, peakAt: '14h' },
      },
    ],
  } satisfies Omit<ScenarioInput, 'hosts'>;
  const worker = { capacity: host, labels: { role: 'worker' } };
  if (fleet === 'static')
    return { ...base, hosts: [system, { group: 'worker', count: 4, ...worker, hourlyCost: 4 * CPU_PRICE }] };
  if (fleet === 'hpa + cluster autoscaler')
    return {
      ...base,
      hosts: [system],
      nodeGroups: [{ name: 'pool', template: worker, min: 1, max: 12, hourlyCost: 4 * CPU_PRICE }],
    };
  return {
    ...base,
    hosts: [system],
    provisioner: {
      labels: { role: 'worker' },
      instanceTypes: [2, 4, 8, 16].map((cpu) => ({
        name: `m.${cpu}`,
        capacity: { cpu: `${cpu * 1000}m`, memory: `${cpu * 4}Gi` },
        hourlyCost: cpu * CPU_PRICE,
      })),
    },
  };
}
// #endregion

/** One fleet's day: what it cost and what the users saw. */
export interface DayOutcome {
  readonly fleet: DayFleet;
  /** Dollars for the day, every host (the system host too) by the hour. */
  readonly cost: number;
  readonly hostHours: number;
  readonly peakHosts: number;
  readonly sent: number;
  readonly failed: number;
  readonly failedBy: Readonly<Record<string, number>>;
  /** Latency of the answered requests over the day, ms. */
  readonly p50: number;
  readonly p99: number;
  /** Minutes whose 99th-percentile latency exceeded {@link SLO_P99_MS} (the service's `slo`), of those with requests. */
  readonly sloViolations: number;
  readonly minutes: number;
  /** Answered requests slower than {@link SLO_P99_MS}, as a fraction of those answered. */
  readonly overThreshold: number;
  /** Each minute's p99 (ms; null without answers), for the plot. */
  readonly p99ByMinute: ReadonlyArray<{ readonly at: number; readonly p99: number | null }>;
  /** Events in the run's log (for the benchmark's speed figures). */
  readonly events: number;
}

/** Runs one fleet's day. */
export function runFleetDay(fleet: DayFleet, seed = 11, horizon = '1d'): DayOutcome {
  const sim = createSimulation(fleetDay(fleet, seed, horizon), { keepFinished: false, eventLog: { keep: 'none' } });
  const traffic = collectTraffic(sim, { sampleEvery: 60_000 });
  const scaling = collectNodeScaling(sim);
  const slo = collectSlo(sim);
  sim.run();
  const t = traffic.report();
  const n = scaling.report();
  const users = t.sources.users!;
  const api = slo.report().services.api!;
  return {
    fleet,
    cost: n.cost,
    hostHours: n.hostHours,
    peakHosts: n.peakHosts,
    sent: users.sent,
    failed: users.failedTotal,
    failedBy: users.failed,
    p50: users.latency.p50 ?? 0,
    p99: users.latency.p99 ?? 0,
    sloViolations: api.violations,
    minutes: api.windows,
    overThreshold: api.overThresholdFraction ?? 0,
    p99ByMinute: t.series.map((s) => ({ at: s.at, p99: s.p99 })),
    events: sim.log.size,
  };
}
