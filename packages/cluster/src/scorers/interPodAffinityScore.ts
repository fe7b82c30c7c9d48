import type { HostView } from '../hosts/Host.js';
import { domainOf } from '../scheduler/ClusterView.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import { matchesTerm, type PodAffinityTerm, type WeightedPodAffinityTerm } from '../scheduler/PodAffinityTerm.js';
import { MAX_SCORE, type Scorer } from '../scheduler/Scorer.js';

/** kube-scheduler's default InterPodAffinityArgs.hardPodAffinityWeight (pkg/scheduler/apis/config/v1/defaults.go). */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** What the scorer works out in PreScore: topology key → domain → summed weights (kube's topologyScore). */
interface InterPodAffinityScoreState {
  scores: Map<string, Map<string, number>>;
}

const NONE: readonly WeightedPodAffinityTerm[] = [];

/**
 * kube-scheduler's InterPodAffinity score (pkg/scheduler/framework/plugins/interpodaffinity/scoring.go).
 * PreScore walks the bound containers and, for each term that matches, adds to the term's topology
 * pair (its key and the *existing* container's host's value):
 * - +weight for each preferred affinity term of the incoming container that the existing one matches,
 *   −weight for each preferred anti-affinity term;
 * - and, symmetrically, for the existing container's terms that the incoming container matches:
 *   +hardPodAffinityWeight (1) per required affinity term, +weight per preferred affinity term,
 *   −weight per preferred anti-affinity term.
 * Only containers with terms are visited unless the incoming container has preferred terms (kube's
 * HavePodsWithAffinity). A host's raw score is the sum over the pairs it belongs to; normalised by
 * min–max over the scored hosts, `trunc(100 × (s − min) / (max − min))`, all 0 when max = min.
 * Skipped when no term matched anything (kube returns Skip when topologyScore is empty).
 */
export function interPodAffinityScore(): Scorer<InterPodAffinityScoreState> {
  return {
    name: 'InterPodAffinity',
    createState: () => ({ scores: new Map() }),
    prepare: (request, cluster, _candidates, state) => {
      const preferredAffinity = request.podAffinity?.preferred ?? NONE;
      const preferredAnti = request.podAntiAffinity?.preferred ?? NONE;
      const own = preferredAffinity.length > 0 || preferredAnti.length > 0;
      const holders = cluster.affinityHolders;
      if (!own && holders.size === 0) return false;
      const scores = state.scores;
      scores.clear();
      if (own) {
        for (const host of cluster.hosts) {
          for (const existing of cluster.containersOn(host)) {
            addTerms(scores, preferredAffinity, existing, host, 1);
            addTerms(scores, preferredAnti, existing, host, -1);
            addTheirs(scores, existing, request, host);
          }
        }
      } else {
        for (const [existing, host] of holders) addTheirs(scores, existing, request, host);
      }
      return scores.size > 0;
    },
    score: (_request, host, _cluster, state) => {
      let score = 0;
      for (const [key, byDomain] of state.scores) {
        const domain = domainOf(host, key);
        if (domain !== undefined) score += byDomain.get(domain) ?? 0;
      }
      return score;
    },
    normalize: (scores, count) => {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < count; i++) {
        const s = scores[i]!;
        if (s > max) max = s;
        if (s < min) min = s;
      }
      const range = max - min;
      for (let i = 0; i < count; i++) scores[i] = range > 0 ? Math.trunc((MAX_SCORE * (scores[i]! - min)) / range) : 0;
    },
  };
}

/** The existing container's own terms, matched against the incoming container (the symmetric part). */
function addTheirs(
  scores: Map<string, Map<string, number>>,
  existing: PlacementRequest,
  incoming: PlacementRequest,
  host: HostView,
): void {
  const affinity = existing.podAffinity;
  if (affinity !== undefined) {
    for (const term of affinity.required) addTerm(scores, term, HARD_POD_AFFINITY_WEIGHT, incoming, host);
    addTerms(scores, affinity.preferred, incoming, host, 1);
  }
  const anti = existing.podAntiAffinity;
  if (anti !== undefined) addTerms(scores, anti.preferred, incoming, host, -1);
}

function addTerms(
  scores: Map<string, Map<string, number>>,
  terms: readonly WeightedPodAffinityTerm[],
  container: PlacementRequest,
  host: HostView,
  sign: 1 | -1,
): void {
  for (const { weight, term } of terms) addTerm(scores, term, sign * weight, container, host);
}

function addTerm(
  scores: Map<string, Map<string, number>>,
  term: PodAffinityTerm,
  weight: number,
  container: PlacementRequest,
  host: HostView,
): void {
  if (!matchesTerm(term, container)) return;
  const domain = domainOf(host, term.topologyKey);
  if (domain === undefined) return;
  let byDomain = scores.get(term.topologyKey);
  if (byDomain === undefined) {
    byDomain = new Map();
    scores.set(term.topologyKey, byDomain);
  }
  byDomain.set(domain, (byDomain.get(domain) ?? 0) + weight);
}
