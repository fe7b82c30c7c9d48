import { antiAffinity } from '../filters/antiAffinity.js';
import { hostReady } from '../filters/hostReady.js';
import { nodeAffinity } from '../filters/nodeAffinity.js';
import { resourceFit } from '../filters/resourceFit.js';
import { taintToleration } from '../filters/taintToleration.js';
import { topologySpread } from '../filters/topologySpread.js';
import type { Filter } from './Filter.js';

/**
 * The filters every built-in profile applies, cheapest first: host state, resource fit and container
 * count, node selector and affinity, taints, anti-affinity, topology spread. Fresh instances each call.
 */
export function defaultFilters(): Filter[] {
  return [hostReady(), resourceFit(), nodeAffinity(), taintToleration(), antiAffinity(), topologySpread()];
}
