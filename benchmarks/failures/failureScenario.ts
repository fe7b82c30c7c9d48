import type { ScenarioInput } from '@berth/cluster';

/** Size of the service-heavy cluster the failure benchmark runs. */
export interface FailureClusterSize {
  readonly hosts: number;
  readonly services: number;
  readonly replicas: number;
}

export const ZONES = ['a', 'b', 'c'] as const;

/** Request shapes, cycled through by service index: cpu in cores, memory in GiB. */
const SHAPES: ReadonlyArray<readonly [number, number]> = [
  [2, 4],
  [4, 8],
  [6, 16],
  [8, 24],
  [1, 2],
  [4, 16],
];

/**
 * A service-heavy cluster: hosts of 16 cores / 64 GiB spread over three zones (labelled `zone`, which
 * the ECS preset and kube's PodTopologySpread defaults read), and `services` services of `replicas`
 * replicas each, with mixed requests (about 45% of the cpu and 30% of the memory at full size), a
 * 20 s image pull per service image and a 5 s start-up.
 */
export function failureScenario(size: FailureClusterSize, seed: number): ScenarioInput {
  const perZone = Math.floor(size.hosts / ZONES.length);
  const hosts = ZONES.map((zone, i) => ({
    group: `zone-${zone}`,
    count: i === ZONES.length - 1 ? size.hosts - perZone * (ZONES.length - 1) : perZone,
    capacity: { cpu: '16', memory: '64Gi' },
    labels: { zone, 'topology.kubernetes.io/zone': zone },
  }));
  const images: Record<string, { pullTime: string }> = {};
  const services: NonNullable<ScenarioInput['services']> = {};
  for (let s = 0; s < size.services; s++) {
    const [cpu, memory] = SHAPES[s % SHAPES.length]!;
    const image = `svc-${s}`;
    images[image] = { pullTime: '20s' };
    services[`svc-${s}`] = {
      replicas: size.replicas,
      template: { requests: { cpu: String(cpu), memory: `${memory}Gi` }, image, startup: '5s' },
    };
  }
  return { seed, hosts, images, services };
}
