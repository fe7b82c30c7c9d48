import type { Scorer } from '../scheduler/Scorer.js';
import { allocationScorer } from './leastAllocated.js';
import { DEFAULT_RESOURCES, type ResourceWeight } from './resourceSpec.js';

/**
 * kube-scheduler's NodeResourcesFit with the MostAllocated strategy (most_allocated.go): per resource
 * `min(req, cap) × 100 / cap` in integer arithmetic, weighted integer mean, skipping what LeastAllocated
 * skips (resources the host lacks, extended resources the container does not request). Favours fuller hosts:
 * bin-packing (OpenShift's HighNodeUtilization profile).
 */
export function mostAllocated(resources: readonly ResourceWeight[] = DEFAULT_RESOURCES): Scorer {
  return allocationScorer('MostAllocated', resources, true);
}
