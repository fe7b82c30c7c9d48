import type { HostView } from '../hosts/Host.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import { MAX_SCORE } from '../scheduler/Scorer.js';

/** Nomad's largest fit score (nomad/structs/funcs.go `binPackingMaxFitScore`). */
export const NOMAD_MAX_FIT_SCORE = 18;

/**
 * `10^freeCpu + 10^freeMem`, the term Nomad's fit scores share (nomad/structs/funcs.go
 * `computeFreePercentage`, `ScoreFitBinPack`, `ScoreFitSpread`), with
 * `free_r = 1 − (allocated_r + requested_r) / capacity_r` after placement. Capacity is the host's
 * allocatable amount, i.e. Nomad's node resources minus reserved. A resource with no capacity counts
 * as fully used (Nomad would divide by zero). Ranges from 2 (full host) to 20 (empty host).
 */
export function nomadFitTotal(request: PlacementRequest, host: HostView): number {
  return 10 ** freeFraction(request, host, CPU) + 10 ** freeFraction(request, host, MEMORY);
}

function freeFraction(request: PlacementRequest, host: HostView, r: number): number {
  const capacity = host.capacity[r] ?? 0;
  if (capacity <= 0) return 0;
  return 1 - ((host.allocated[r] ?? 0) + (request.requests[r] ?? 0)) / capacity;
}

/** Nomad's clamp of a fit score to [0, 18]. */
export function clampNomadFit(score: number): number {
  return Math.min(Math.max(score, 0), NOMAD_MAX_FIT_SCORE);
}

/** Rescales Nomad fit scores (0..18) in place to 0..MAX_SCORE, as floats. */
export function scaleNomadFit(scores: Float64Array, count: number): void {
  for (let i = 0; i < count; i++) scores[i] = (scores[i]! / NOMAD_MAX_FIT_SCORE) * MAX_SCORE;
}
