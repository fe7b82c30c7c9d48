// Scenarios of the node-autoscaling benchmark: services whose replica counts follow a daily curve, on a
// static fleet sized for the peak, on a node group with the cluster autoscaler, or with a provisioner.
import type { ScenarioInput } from '@berth/cluster';

/** The size of a diurnal fleet: services, their replicas at the trough and the peak, days simulated. */
export interface DiurnalSize {
  readonly services: number;
  readonly trough: number;
  readonly peak: number;
  readonly days: number;
  /** Hosts of the node group or static fleet: 8 cpu, 32 GiB. */
  readonly maxHosts: number;
}

/** How hosts come and go. */
export type FleetKind = 'static' | 'cluster-autoscaler' | 'provisioner';

const HOST = { cpu: '8', memory: '32Gi' } as const;
/** An 8-cpu host's price per hour; the provisioner's catalog is priced per cpu alike (about AWS m5's $0.048/vCPU-hour). */
const HOST_PRICE = 0.384;
/** How often the replica counts follow the curve. */
const STEP_MS = 15 * 60_000;
const DAY_MS = 24 * 3_600_000;

/**
 * Replicas of service `i` at time `t`: a sine between trough and peak with its peak at 14:00, each
 * service shifted by up to an hour (the shape of the Azure Functions 2019 invocations: low at night,
 * high in the afternoon).
 */
export function replicasAt(size: DiurnalSize, i: number, t: number): number {
  const shift = (i / Math.max(size.services, 1)) * 3_600_000;
  const phase = (2 * Math.PI * (t - 14 * 3_600_000 - shift)) / DAY_MS;
  const level = (1 + Math.cos(phase)) / 2;
  return Math.round(size.trough + (size.peak - size.trough) * level);
}

/** The scenario: services of 1 cpu / 2 GiB replicas following the curve every 15 min, on a fleet of `kind`. */
export function diurnalScenario(size: DiurnalSize, kind: FleetKind, seed = 1): ScenarioInput {
  const services: NonNullable<ScenarioInput['services']> = {};
  const changes: NonNullable<ScenarioInput['changes']> = [];
  for (let i = 0; i < size.services; i++) {
    const name = `svc${i}`;
    services[name] = { replicas: replicasAt(size, i, 0), template: { requests: { cpu: '1', memory: '2Gi' } } };
    let last = replicasAt(size, i, 0);
    for (let t = STEP_MS; t < size.days * DAY_MS; t += STEP_MS) {
      const n = replicasAt(size, i, t);
      if (n !== last) changes.push({ at: t, service: name, replicas: n });
      last = n;
    }
  }
  changes.sort((a, b) => Number(a.at) - Number(b.at));
  // The autoscalers run on one static system host, as in a real cluster.
  const system = { group: 'system', count: 1, capacity: HOST, hourlyCost: HOST_PRICE };
  const base = { seed, horizon: size.days * DAY_MS, services, changes };
  if (kind === 'static') return { ...base, hosts: [{ ...system, count: size.maxHosts + 1 }] };
  if (kind === 'cluster-autoscaler')
    return {
      ...base,
      hosts: [system],
      nodeGroups: [{ name: 'pool', template: { capacity: HOST }, min: 0, max: size.maxHosts, hourlyCost: HOST_PRICE }],
    };
  return {
    ...base,
    hosts: [system],
    provisioner: {
      instanceTypes: [2, 4, 8, 16].map((cpu) => ({
        name: `m.${cpu}`,
        capacity: { cpu: String(cpu), memory: `${cpu * 4}Gi` },
        hourlyCost: (HOST_PRICE * cpu) / 8,
      })),
      maxHosts: size.maxHosts * 2,
    },
  };
}
