import type { HostView } from '../hosts/Host.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { Scorer } from '../scheduler/Scorer.js';
import { kubeAmount } from './resourceSpec.js';

/**
 * Docker Swarm classic's node weight (docker-archive/classicswarm scheduler/strategy/weighted_node.go
 * `weighNodes`): `cpuScore + memScore`, each `(used + requested) × 100 / total` in integer arithmetic
 * after placement, or 100 when the container requests none of that resource. Raw scores run 0..200;
 * the spread strategy prefers the lowest, binpack the highest. Amounts are compared as millicores and
 * bytes; the ratio is unit-free, so this equals Swarm's whole-CPU arithmetic whenever the amounts are
 * whole CPUs. Swarm's healthiness term adds the same to every healthy host and is left out.
 * Normalised as `trunc(raw / 2)`: fuller hosts score higher (binpack's direction).
 */
export function swarmWeight(): Scorer {
  return {
    name: 'SwarmWeight',
    score: (request, host) => swarmPercent(request, host, CPU) + swarmPercent(request, host, MEMORY),
    normalize: (scores, count) => {
      for (let i = 0; i < count; i++) scores[i] = Math.trunc(scores[i]! / 2);
    },
  };
}

function swarmPercent(request: PlacementRequest, host: HostView, r: number): number {
  const requested = kubeAmount(r, request.requests[r] ?? 0);
  if (requested <= 0) return 100;
  const total = kubeAmount(r, host.capacity[r] ?? 0);
  // A host smaller than the request is skipped by Swarm and rejected by the resource filter here.
  if (total <= 0) return 100;
  const used = kubeAmount(r, host.allocated[r] ?? 0);
  return Math.floor(((used + requested) * 100) / total);
}
