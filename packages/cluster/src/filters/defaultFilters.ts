import { gpuDeviceFit } from '../gpu/gpuDeviceFit.js';
import type { Filter } from '../scheduler/Filter.js';
import { antiAffinity } from './antiAffinity.js';
import { hostReady } from './hostReady.js';
import { interPodAffinity } from './interPodAffinity.js';
import { nodeAffinity } from './nodeAffinity.js';
import { resourceFit } from './resourceFit.js';
import { taintToleration } from './taintToleration.js';
import { topologySpread } from './topologySpread.js';

/**
 * The filters every built-in strategy applies, cheapest first: host state, resource fit and container
 * count, GPU devices (only for containers asking for them), node selector and affinity, taints,
 * anti-affinity, topology spread, inter-pod affinity (only for containers with pod (anti-)affinity terms
 * or in a cluster where some bound container has required anti-affinity terms). Fresh instances each call.
 */
export function defaultFilters(): Filter[] {
  return [
    hostReady(),
    resourceFit(),
    gpuDeviceFit,
    nodeAffinity(),
    taintToleration(),
    antiAffinity(),
    topologySpread(),
    interPodAffinity(),
  ];
}
