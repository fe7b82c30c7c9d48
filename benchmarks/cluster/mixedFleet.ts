import type { ScenarioInput } from '@berth/cluster';
import { PLACEMENT_HORIZON } from './placementHorizon.js';

/** One host shape of the mixed fleet, and how many of each block of {@link HOSTS_PER_BLOCK} hosts have it. */
export interface HostShape {
  readonly name: string;
  readonly perBlock: number;
  readonly cpu: string;
  readonly memory: string;
}

/** One container shape of the mixed workload, and how many of each block of {@link CONTAINERS_PER_BLOCK} have it. */
export interface ContainerShape {
  readonly name: string;
  readonly perBlock: number;
  readonly cpu: string;
  readonly memory: string;
}

/** Hosts are declared in blocks of this many, each block mixing the shapes, so no host range is uniform. */
export const HOSTS_PER_BLOCK = 10;

/** Containers arrive in blocks of this many, each block mixing the shapes in short runs. */
export const CONTAINERS_PER_BLOCK = 20;

/** Containers per host: 10, so the fleet ends about half full (see {@link FLEET_UTILISATION}). */
export const CONTAINERS_PER_HOST = 10;

/** How the fleet's hosts are built: all alike, or three shapes interleaved in declaration order. */
export type HostLayout = 'uniform' | 'mixed';

/** The host of the uniform layout: 16 cpu / 64 GiB (an m5.4xlarge-like machine). */
export const UNIFORM_HOST = { cpu: '16', memory: '64Gi' } as const;

/** The mixed layout, per 10 hosts: 192 cpu and 768 GiB. */
export const HOST_SHAPES: readonly HostShape[] = [
  { name: 'm', perBlock: 5, cpu: '16', memory: '64Gi' },
  { name: 'l', perBlock: 3, cpu: '32', memory: '128Gi' },
  { name: 's', perBlock: 2, cpu: '8', memory: '32Gi' },
];

/** Per 20 containers: 18.5 cpu and 57 GiB; the largest (4 cpu / 16 GiB) fits on the smallest host. */
export const CONTAINER_SHAPES: readonly ContainerShape[] = [
  { name: 'small', perBlock: 8, cpu: '250m', memory: '512Mi' },
  { name: 'medium', perBlock: 5, cpu: '1', memory: '2Gi' },
  { name: 'cpu-heavy', perBlock: 3, cpu: '2', memory: '1Gi' },
  { name: 'memory-heavy', perBlock: 3, cpu: '500m', memory: '8Gi' },
  { name: 'large', perBlock: 1, cpu: '4', memory: '16Gi' },
];

/**
 * Share of the fleet's capacity the whole workload requests. 100 containers ask for 92.5 cpu and
 * 285 GiB: 58% / 45% of 10 uniform hosts (160 cpu, 640 GiB), 48% / 37% of 10 mixed ones (192 cpu,
 * 768 GiB). So every strategy places everything at the first attempt and the benchmark measures
 * placement, not retries.
 */
export const FLEET_UTILISATION = {
  uniform: { cpu: 92.5 / 160, memory: 285 / 640 },
  mixed: { cpu: 92.5 / 192, memory: 285 / 768 },
} as const;

/**
 * A fleet of `hosts` hosts (a multiple of {@link HOSTS_PER_BLOCK}) in the given layout and `hosts × 10`
 * containers of mixed shapes, all the tasks of one job submitted at time 0, on the named strategy.
 * Hosts keep kube's default limit of 110 containers.
 */
export function mixedFleetScenario(hosts: number, strategy: string, layout: HostLayout): ScenarioInput {
  if (!(Number.isSafeInteger(hosts) && hosts > 0 && hosts % HOSTS_PER_BLOCK === 0)) {
    throw new RangeError(`hosts: expected a positive multiple of ${HOSTS_PER_BLOCK}, got ${hosts}`);
  }
  const hostGroups: Array<{ group: string; count: number; capacity: { cpu: string; memory: string } }> = [];
  if (layout === 'uniform') hostGroups.push({ group: 'node', count: hosts, capacity: { ...UNIFORM_HOST } });
  else
    for (let block = 0; block < hosts / HOSTS_PER_BLOCK; block += 1) {
      for (const shape of HOST_SHAPES) {
        hostGroups.push({
          group: `${shape.name}${block}`,
          count: shape.perBlock,
          capacity: { cpu: shape.cpu, memory: shape.memory },
        });
      }
    }
  const tasks = [];
  const containers = hosts * CONTAINERS_PER_HOST;
  for (let block = 0; block < containers / CONTAINERS_PER_BLOCK; block += 1) {
    for (const shape of CONTAINER_SHAPES) {
      tasks.push({ count: shape.perBlock, requests: { cpu: shape.cpu, memory: shape.memory } });
    }
  }
  return {
    name: `mixed workload on ${hosts} ${layout} hosts`,
    seed: 42,
    horizon: PLACEMENT_HORIZON,
    scheduler: { strategy },
    hosts: hostGroups,
    jobs: { work: { tasks } },
  };
}
