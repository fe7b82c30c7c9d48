// The simulation behind lesson 10: a service whose cpu demand follows a day, with and without a
// horizontal pod autoscaler. Shared by the lesson's program and its plot.
import { collectAutoscaling, createSimulation, type ScenarioInput, type ServiceAutoscaling } from '@berth/cluster';

// #region scenario
/** The day's demand: 3 cores on average, 70 % swing, peaking at 14:00 (0.9 cores at 02:00, 5.1 at 14:00). */
export const DEMAND = { mean: 3000, amplitude: 0.7, period: 86_400_000, peakAt: 14 * 3_600_000 };

/** The cpu `web` needs at `t` (millicores): the curve the scenario's `usage.cpu` describes. */
export function demandAt(t: number): number {
  const { mean, amplitude, period, peakAt } = DEMAND;
  return mean * (1 + amplitude * Math.cos((2 * Math.PI * (t - peakAt)) / period));
}

/** `web` on six 8-core hosts, each replica requesting half a core; `hpa` adds an autoscaler at 60 % cpu. */
export function day(hpa: boolean, replicas = 2): ScenarioInput {
  return {
    seed: 10,
    hosts: [{ group: 'node', count: 6, capacity: { cpu: '8', memory: '32Gi' }, hourlyCost: 0.4 }],
    images: { web: { pullTime: '20s' } },
    services: {
      web: {
        replicas,
        template: { requests: { cpu: '500m', memory: '512Mi' }, image: 'web', startup: '10s' },
        usage: { cpu: { shape: 'diurnal', mean: '3', amplitude: 0.7, period: '1d', peakAt: '14h' } },
        ...(hpa
          ? { autoscaling: { minReplicas: 2, maxReplicas: 30, metrics: [{ resource: 'cpu', averageUtilization: 60 }] } }
          : {}),
      },
    },
  };
}
// #endregion

/** One sample of the day: the demand, the replicas asked for and ready, and the cpu used per request. */
export interface Sample {
  readonly at: number;
  readonly demand: number;
  readonly desired: number;
  readonly ready: number;
  /** Demand over the ready replicas' requests: what the HPA's cpu metric measures (1 = 100 %). */
  readonly utilization: number;
}

/** Runs a day, sampling every `every` ms; returns the samples and what the autoscaler did. */
export function runDay(
  scenario: ScenarioInput,
  every: number,
): { samples: Sample[]; autoscaling: ServiceAutoscaling | undefined } {
  const sim = createSimulation(scenario, { keepFinished: false });
  const collector = collectAutoscaling(sim);
  const samples: Sample[] = [];
  for (let at = every; at <= 86_400_000; at += every) {
    sim.run(at);
    let ready = 0;
    for (const c of sim.allContainers()) if (c.service === 'web' && c.health.ready) ready += 1;
    const demand = demandAt(at);
    samples.push({
      at,
      demand,
      desired: sim.desired.services.web!.replicas,
      ready,
      utilization: demand / (ready * 500),
    });
  }
  return { samples, autoscaling: collector.report().services.web };
}
