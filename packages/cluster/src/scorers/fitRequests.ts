import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import { kubeAmount, type ResourceWeight, resolveResources, skipsUnrequested } from './resourceSpec.js';

/**
 * What NodeResourcesFit's scoring strategies (LeastAllocated, MostAllocated, RequestedToCapacityRatio)
 * keep per simulation: the resolved resources and this attempt's requests.
 */
export interface FitRequests {
  indexes: Int32Array;
  weights: Int32Array;
  /**
   * The container's requests (non-zero defaults applied) in kube's units, per listed resource; -1 marks
   * an extended resource it does not request, which is not scored.
   */
  requested: Float64Array;
}

/** An empty FitRequests, resolved on first use. */
export function createFitRequests(): FitRequests {
  return { indexes: new Int32Array(0), weights: new Int32Array(0), requested: new Float64Array(0) };
}

/**
 * Resolves the resources on first use, then converts the container's non-zero requests once per
 * attempt, marking the extended resources it does not request (resource_allocation.go).
 */
export function prepareFitRequests(
  scorer: string,
  resources: readonly ResourceWeight[],
  request: PlacementRequest,
  catalog: ResourceCatalog,
  state: FitRequests,
): void {
  if (state.indexes.length !== resources.length) {
    const resolved = resolveResources(scorer, resources, catalog);
    state.indexes = resolved.indexes;
    state.weights = resolved.weights;
    state.requested = new Float64Array(resolved.indexes.length);
  }
  const { indexes, requested } = state;
  for (let i = 0; i < indexes.length; i++) {
    const r = indexes[i]!;
    const amount = kubeAmount(r, request.nonZeroRequests[r]!);
    requested[i] = amount === 0 && skipsUnrequested(r) ? -1 : amount;
  }
}
