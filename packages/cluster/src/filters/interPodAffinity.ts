import type { HostView } from '../hosts/Host.js';
import { type ClusterView, domainOf } from '../scheduler/ClusterView.js';
import type { Filter } from '../scheduler/Filter.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import { matchesAllTerms, matchesTerm, type PodAffinityTerm } from '../scheduler/PodAffinityTerm.js';

/** kube-scheduler's reasons (interpodaffinity/filtering.go), with "host" for "node(s)". */
export const AFFINITY_REASON = "host didn't match pod affinity rules";
export const ANTI_AFFINITY_REASON = "host didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_REASON = "host didn't satisfy existing pods anti-affinity rules";

/** Counts per topology pair: key → domain → number of matching containers (kube's topologyToMatchedTermCount). */
type PairCounts = Map<string, Map<string, number>>;

/** What the filter works out in PreFilter for one attempt. */
interface InterPodAffinityState {
  /** Pairs where the incoming container's required affinity terms are all met by some container. */
  affinity: PairCounts;
  /** Pairs holding a container that one of the incoming container's required anti-affinity terms matches. */
  antiAffinity: PairCounts;
  /** Pairs where an existing container's required anti-affinity term matches the incoming container. */
  existing: PairCounts;
  affinityTerms: readonly PodAffinityTerm[];
  antiAffinityTerms: readonly PodAffinityTerm[];
}

const NO_TERMS: readonly PodAffinityTerm[] = [];

/**
 * kube-scheduler's InterPodAffinity filter (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go),
 * for required (`requiredDuringSchedulingIgnoredDuringExecution`) terms. PreFilter counts, per
 * topology pair (label key, host's value): containers matching *all* of the incoming container's
 * required affinity terms; containers matching any of its required anti-affinity terms; and existing
 * containers whose own required anti-affinity terms match the incoming container (the symmetry that
 * lets a running pod keep others away). A host then fails:
 * - affinity: when it lacks a term's topology key, or some term's pair has no matching container —
 *   unless no container anywhere matches and the incoming container matches all its own terms (the
 *   first pod of a group that wants to be together);
 * - anti-affinity: when a term's pair on the host holds a matching container;
 * - existing anti-affinity: when the host's value of a key holds an existing container whose term
 *   matches the incoming container.
 * Skipped (no work) when the container has no required terms and no bound container has required
 * anti-affinity terms. Tenants play Kubernetes' namespaces.
 *
 * Deviation: during preemption the counts are those of the attempt's PreFilter (kube updates them
 * with AddPod/RemovePod as it removes victims), so evicting a victim never clears an anti-affinity
 * conflict here.
 */
export function interPodAffinity(): Filter<InterPodAffinityState> {
  return {
    name: 'InterPodAffinity',
    createState: () => ({
      affinity: new Map(),
      antiAffinity: new Map(),
      existing: new Map(),
      affinityTerms: NO_TERMS,
      antiAffinityTerms: NO_TERMS,
    }),
    prepare: (request, cluster, state) => {
      const affinityTerms = request.podAffinity?.required ?? NO_TERMS;
      const antiAffinityTerms = request.podAntiAffinity?.required ?? NO_TERMS;
      const holders = cluster.affinityHolders;
      if (affinityTerms.length === 0 && antiAffinityTerms.length === 0 && holders.size === 0) return false;
      state.affinityTerms = affinityTerms;
      state.antiAffinityTerms = antiAffinityTerms;
      state.affinity.clear();
      state.antiAffinity.clear();
      state.existing.clear();
      for (const [holder, host] of holders) {
        const terms = holder.podAntiAffinity?.required;
        if (terms === undefined) continue;
        for (const term of terms) if (matchesTerm(term, request)) bump(state.existing, host, term.topologyKey);
      }
      if (affinityTerms.length > 0 || antiAffinityTerms.length > 0) countIncoming(cluster, state);
      return affinityTerms.length > 0 || antiAffinityTerms.length > 0 || state.existing.size > 0;
    },
    check: (request, host, _cluster, state) => {
      if (!satisfiesAffinity(request, host, state)) return AFFINITY_REASON;
      for (const term of state.antiAffinityTerms) {
        const domain = domainOf(host, term.topologyKey);
        if (domain !== undefined && (state.antiAffinity.get(term.topologyKey)?.get(domain) ?? 0) > 0)
          return ANTI_AFFINITY_REASON;
      }
      for (const [key, byDomain] of state.existing) {
        const domain = domainOf(host, key);
        if (domain !== undefined && (byDomain.get(domain) ?? 0) > 0) return EXISTING_ANTI_AFFINITY_REASON;
      }
      return null;
    },
  };
}

/** kube's getIncomingAffinityAntiAffinityCounts: every bound container against the incoming terms. */
function countIncoming(cluster: ClusterView, state: InterPodAffinityState): void {
  const { affinityTerms, antiAffinityTerms } = state;
  for (const host of cluster.hosts) {
    for (const existing of cluster.containersOn(host)) {
      if (matchesAllTerms(affinityTerms, existing))
        for (const term of affinityTerms) bump(state.affinity, host, term.topologyKey);
      for (const term of antiAffinityTerms)
        if (matchesTerm(term, existing)) bump(state.antiAffinity, host, term.topologyKey);
    }
  }
}

/** kube's satisfyPodAffinity. */
function satisfiesAffinity(request: PlacementRequest, host: HostView, state: InterPodAffinityState): boolean {
  const terms = state.affinityTerms;
  let podsExist = true;
  for (const term of terms) {
    const domain = domainOf(host, term.topologyKey);
    // Every topology key must exist on the host.
    if (domain === undefined) return false;
    if ((state.affinity.get(term.topologyKey)?.get(domain) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first of a group of containers with affinity to each other may go anywhere with the keys.
  return state.affinity.size === 0 && matchesAllTerms(terms, request);
}

function bump(counts: PairCounts, host: HostView, key: string): void {
  const domain = domainOf(host, key);
  if (domain === undefined) return;
  let byDomain = counts.get(key);
  if (byDomain === undefined) {
    byDomain = new Map();
    counts.set(key, byDomain);
  }
  byDomain.set(domain, (byDomain.get(domain) ?? 0) + 1);
}
