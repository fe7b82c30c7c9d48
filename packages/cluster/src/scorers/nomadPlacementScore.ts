import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from '../scheduler/ClusterView.js';
import { domainOf } from '../scheduler/ClusterView.js';
import type { NomadSpread } from '../scheduler/NomadPlacement.js';
import { matchesNomadAffinity } from '../scheduler/nomadAttributes.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import { MAX_SCORE, type Scorer } from '../scheduler/Scorer.js';
import { clampNomadFit, NOMAD_MAX_FIT_SCORE, nomadFitTotal } from './nomadFitTotal.js';

/** Nomad's `implicitTarget`: the share of the group that no target names (scheduler/spread.go). */
const IMPLICIT_TARGET = '*';

/** Per attempt: each spread block's desired counts and the group's tasks per attribute value. */
interface NomadPlacementState {
  desired: Array<Map<string, number>>;
  used: Array<Map<string, number>>;
  sumSpreadWeights: number;
  /** Nomad's `lowestSpreadBoost`: −1, then the lowest target boost met so far in this attempt. */
  lowestSpreadBoost: number;
}

/**
 * Nomad's ranking of a node for a task group that has `affinity` or `spread` blocks
 * (hashicorp/nomad scheduler/rank.go `NodeAffinityIterator`, `ScoreNormalizationIterator`;
 * scheduler/spread.go `SpreadIterator`): the mean of the scores the rank iterators append —
 * - the fit score, `binpack` (or `spread` algorithm) fit / 18;
 * - node affinity: the sum of the weights of the affinities the node meets over the sum of their
 *   absolute weights, in −1..1;
 * - allocation spread, appended only when not 0: per spread block, for a node lacking the attribute
 *   −1; without targets, Nomad's even-spread boost (`evenSpreadScoreBoost`: +1 for a value holding
 *   none of the group while others do, `(min − n)/min` above the minimum, −1 when all values are even,
 *   `(max − min)/min` at the minimum otherwise); with targets,
 *   `(desired − (used + 1)) / desired × weight / Σweights`, where `desired = percent/100 × count`
 *   (the group's count) and values no target names share the remaining percentage (`*`), or score −1
 *   when none remains.
 * Raw score: that mean (−1..1); normalised × 100. Used by the nomad presets instead of the bare fit
 * score for containers with Nomad blocks; skipped for others. The group is the container's service
 * (or job), its count the replicas wanted when the container was created (or the job's tasks).
 */
export function nomadPlacementScore(algorithm: 'binpack' | 'spread'): Scorer<NomadPlacementState> {
  return {
    name: 'NomadPlacement',
    createState: () => ({ desired: [], used: [], sumSpreadWeights: 0, lowestSpreadBoost: -1 }),
    prepare: (request, cluster, _candidates, state) => {
      const blocks = request.nomad;
      if (blocks === undefined) return false;
      const count = request.groupSize ?? 1;
      state.sumSpreadWeights = 0;
      state.lowestSpreadBoost = -1;
      state.desired = blocks.spreads.map((spread) => {
        state.sumSpreadWeights += spread.weight;
        return desiredCounts(spread, count);
      });
      state.used = blocks.spreads.map((spread) => usedCounts(spread, request, cluster));
      return true;
    },
    score: (request, host, _cluster, state) => {
      const blocks = request.nomad!;
      const fit =
        algorithm === 'binpack'
          ? clampNomadFit(20 - nomadFitTotal(request, host))
          : clampNomadFit(nomadFitTotal(request, host) - 2);
      let sum = fit / NOMAD_MAX_FIT_SCORE;
      let n = 1;
      if (blocks.affinities.length > 0) {
        let total = 0;
        let weights = 0;
        for (const affinity of blocks.affinities) {
          weights += Math.abs(affinity.weight);
          if (matchesNomadAffinity(affinity, host)) total += affinity.weight;
        }
        sum += total / weights;
        n += 1;
      }
      if (blocks.spreads.length > 0) {
        const spread = spreadScore(blocks.spreads, host, state);
        if (spread !== 0) {
          sum += spread;
          n += 1;
        }
      }
      return sum / n;
    },
    normalize: (scores, count) => {
      for (let i = 0; i < count; i++) scores[i] = scores[i]! * MAX_SCORE;
    },
  };
}

/** Nomad's `computeSpreadInfo`: desired count per target value, the rest under `*`. */
function desiredCounts(spread: NomadSpread, count: number): Map<string, number> {
  const desired = new Map<string, number>();
  let sum = 0;
  for (const target of spread.targets) {
    const d = (target.percent / 100) * count;
    desired.set(target.value, d);
    sum += d;
  }
  if (sum > 0 && sum < count) desired.set(IMPLICIT_TARGET, count - sum);
  return desired;
}

/** The group's containers per value of the spread's attribute (Nomad's propertySet use map). */
function usedCounts(spread: NomadSpread, request: PlacementRequest, cluster: ClusterView): Map<string, number> {
  const used = new Map<string, number>();
  for (const host of cluster.hosts) {
    const value = domainOf(host, spread.key);
    if (value === undefined) continue;
    const n = groupCountOn(host, request, cluster);
    if (n > 0) used.set(value, (used.get(value) ?? 0) + n);
  }
  return used;
}

function groupCountOn(host: HostView, request: PlacementRequest, cluster: ClusterView): number {
  if (request.service !== undefined) return host.serviceCount(request.service);
  if (request.job === undefined) return 0;
  let n = 0;
  for (const c of cluster.containersOn(host)) if (c.job === request.job) n += 1;
  return n;
}

/** Nomad's SpreadIterator total for one node. */
function spreadScore(spreads: readonly NomadSpread[], host: HostView, state: NomadPlacementState): number {
  let total = 0;
  for (let i = 0; i < spreads.length; i++) {
    const spread = spreads[i]!;
    const value = domainOf(host, spread.key);
    if (value === undefined) {
      total -= 1;
      continue;
    }
    const used = state.used[i]!;
    const desired = state.desired[i]!;
    if (desired.size === 0) {
      total += evenSpreadBoost(used, value);
      continue;
    }
    const want = desired.get(value) ?? desired.get(IMPLICIT_TARGET);
    if (want === undefined) {
      total -= 1;
      continue;
    }
    if (want === 0) {
      total += state.lowestSpreadBoost;
      continue;
    }
    const boost = ((want - ((used.get(value) ?? 0) + 1)) / want) * (spread.weight / state.sumSpreadWeights);
    total += boost;
    if (boost < state.lowestSpreadBoost) state.lowestSpreadBoost = boost;
  }
  return total;
}

/** Nomad's `evenSpreadScoreBoost` over the values that hold some of the group. */
function evenSpreadBoost(used: ReadonlyMap<string, number>, value: string): number {
  if (used.size === 0) return 0;
  const current = used.get(value) ?? 0;
  let min = 0;
  let max = 0;
  for (const n of used.values()) {
    if (min === 0 || n < min) min = n;
    if (max === 0 || n > max) max = n;
  }
  if (current !== min) return min === 0 ? -1 : (min - current) / min;
  if (min === max) return -1;
  if (min === 0) return 1;
  return (max - min) / min;
}
