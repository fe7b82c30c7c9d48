import { createSimulation } from '@berth/cluster';
import { type AzureSlice, type PolicyInput, sliceScenario } from './azureSlice.js';

/** One policy's point on the cold-start / wasted-memory plane. */
export interface PolicyPoint {
  readonly label: string;
  readonly keepAlive: PolicyInput;
  /** The 75th percentile over functions of each function's cold-start percentage. */
  readonly p75ColdStartPercent: number;
  /** Memory held by idle instances, GB-s. */
  readonly idleGbSeconds: number;
  /** idleGbSeconds divided by the fixed 10-minute policy's ("Serverless in the Wild" normalises so). */
  readonly normalisedWaste: number;
  readonly coldStartRatio: number;
  readonly invocations: number;
  /** On the Pareto front: no other point is at least as good on both axes and better on one. */
  readonly pareto: boolean;
}

/** The policies of the study: fixed keep-alive at 5 to 120 minutes, the hybrid policy at 1 to 4 hours of range. */
export const STUDY_POLICIES: ReadonlyArray<readonly [string, PolicyInput]> = [
  ...[5, 10, 20, 30, 60, 120].map((m) => [`fixed ${m} min`, { policy: 'fixed', ttl: `${m}m` }] as const),
  ...[1, 2, 3, 4].map((h) => [`hybrid ${h} h`, { policy: 'hybrid', range: `${h}h` }] as const),
];

/** Runs the slice under each policy and places every policy on the plane, normalised to fixed 10 min. */
export function keepAliveStudy(slice: AzureSlice, policies = STUDY_POLICIES): PolicyPoint[] {
  const raw = policies.map(([label, keepAlive]) => {
    const sim = createSimulation(sliceScenario(slice, keepAlive), { eventLog: { keep: 'none' }, keepFinished: false });
    sim.run();
    const r = sim.functions()!;
    return {
      label,
      keepAlive,
      p75ColdStartPercent: r.p75ColdStartPercent,
      idleGbSeconds: r.total.idleGbSeconds,
      coldStartRatio: r.total.coldStartRatio,
      invocations: r.total.arrived,
    };
  });
  const base = raw.find((p) => p.label === 'fixed 10 min')?.idleGbSeconds ?? Number.NaN;
  return raw.map((p) => ({
    ...p,
    normalisedWaste: p.idleGbSeconds / base,
    pareto: !raw.some(
      (q) =>
        q !== p &&
        q.p75ColdStartPercent <= p.p75ColdStartPercent &&
        q.idleGbSeconds <= p.idleGbSeconds &&
        (q.p75ColdStartPercent < p.p75ColdStartPercent || q.idleGbSeconds < p.idleGbSeconds),
    ),
  }));
}
