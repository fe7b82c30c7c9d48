import { argumentError } from '@berth/kernel';
import type { HostView } from '../hosts/Host.js';
import { type ClusterView, domainOf, HOSTNAME } from '../scheduler/ClusterView.js';
import { matchesRequirement, type PlacementRequest, type SpreadConstraint } from '../scheduler/PlacementRequest.js';
import { MAX_SCORE, type Scorer } from '../scheduler/Scorer.js';

/** Options of {@link podTopologySpreadScore}. */
export interface PodTopologySpreadScoreOptions {
  /** Host label of the zone in kube's system default constraints; kube's is `topology.kubernetes.io/zone`. */
  readonly zoneKey?: string | undefined;
  /**
   * Constraints for service containers that declare none. Absent: kube's system defaults
   * (`defaultingType: System`). An empty list turns defaulting off (`defaultingType: List`, no constraints).
   */
  readonly defaultConstraints?: readonly SpreadConstraint[] | undefined;
}

/** What PodTopologySpread works out in PreScore for one attempt. */
interface PodTopologySpreadState {
  /** The ScheduleAnyway constraints in force: the container's own, or the defaults. */
  constraints: SpreadConstraint[];
  /** True when a host lacking any constraint's key is ignored (not with the system defaults). */
  requireAll: boolean;
  /** Per constraint: ln(size + 2). */
  weights: number[];
  /** Per constraint (non-hostname): domain value → count of the service's containers. */
  counts: Array<Map<string, number>>;
}

/** Raw score of a host that lacks a topology label the constraints require: kube's `invalidScore`. */
const IGNORED = -1;

/**
 * kube-scheduler's PodTopologySpread score (pkg/scheduler/framework/plugins/podtopologyspread/scoring.go)
 * for `whenUnsatisfiable: ScheduleAnyway` constraints, counting containers of the same service.
 *
 * Constraints: the container's ScheduleAnyway ones if it declares any spread constraint; otherwise, for
 * a service container, the system defaults `{hostname, maxSkew 3}` and `{zone, maxSkew 5}` (ScheduleAnyway).
 * Raw score of a host: `round(Σ_c cnt_c · ln(size_c + 2) + (maxSkew_c − 1))` over the constraints whose
 * key the host has, where `cnt_c` is the number of the service's containers in the host's domain,
 * counted over every host that matches the container's node selector and required affinity (kube's
 * default `nodeAffinityPolicy: Honor`), and `size_c` is the number of distinct domains among the
 * candidate hosts (for `hostname`, the number of candidates). With explicit (or non-system default)
 * constraints, a candidate lacking any topology key is ignored: raw −1, normalised 0. With the system
 * defaults it is scored on the keys it has, and — as in kube, which reads a missing label as the value
 * "" — candidates lacking the zone label add one domain to `size`.
 * Normalised: `100 × (max + min − s) / max` (integer division) over the non-ignored hosts; all 100 when
 * max is 0. Fewer replicas nearby scores higher.
 *
 * Deviation: kube's PreScore receives the filtered hosts. When `prepare` is given the candidates (third
 * argument) this scorer uses them exactly; without them it takes the ready hosts that match the
 * container's node selector and required affinity, which equals kube when every such host is feasible.
 */
export function podTopologySpreadScore(options: PodTopologySpreadScoreOptions = {}): Scorer<PodTopologySpreadState> {
  const zoneKey = options.zoneKey ?? 'zone';
  if (typeof zoneKey !== 'string' || zoneKey === '') {
    throw argumentError('zoneKey', `expected a non-empty host label key, got ${String(zoneKey)}`);
  }
  const custom = options.defaultConstraints;
  custom?.forEach((c, i) => {
    if (!(Number.isInteger(c.maxSkew) && c.maxSkew >= 1)) {
      throw argumentError(`defaultConstraints[${i}].maxSkew`, `expected an integer >= 1, got ${c.maxSkew}`);
    }
  });
  const defaults: readonly SpreadConstraint[] = (
    custom ?? [
      { topologyKey: HOSTNAME, maxSkew: 3, whenUnsatisfiable: 'ScheduleAnyway' },
      { topologyKey: zoneKey, maxSkew: 5, whenUnsatisfiable: 'ScheduleAnyway' },
    ]
  ).filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
  const systemDefaulted = custom === undefined;

  return {
    name: 'PodTopologySpread',
    createState: () => ({ constraints: [], requireAll: true, weights: [], counts: [] }),
    prepare(
      request: PlacementRequest,
      cluster: ClusterView,
      candidates: readonly HostView[] | undefined,
      state: PodTopologySpreadState,
    ): boolean {
      if (request.service === undefined) return false;
      const service = request.service;
      let constraints: SpreadConstraint[];
      let requireAll: boolean;
      if (request.spread.length > 0) {
        constraints = request.spread.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
        requireAll = true;
      } else {
        constraints = [...defaults];
        requireAll = !systemDefaulted;
      }
      state.constraints = constraints;
      state.requireAll = requireAll;
      if (constraints.length === 0) return false;

      const selective = request.affinity.length > 0 || Object.keys(request.nodeSelector).length > 0;
      const eligible = candidates ?? cluster.hosts;
      const domains = constraints.map(() => new Set<string | undefined>());
      let scored = 0;
      for (let h = 0; h < eligible.length; h++) {
        const host = eligible[h]!;
        const skip =
          candidates === undefined && (host.state !== 'ready' || (selective && !matchesNodeAffinity(request, host)));
        if (skip || (requireAll && !hasAllKeys(constraints, host))) continue;
        scored += 1;
        for (let i = 0; i < constraints.length; i++) {
          const key = constraints[i]!.topologyKey;
          if (key !== HOSTNAME) domains[i]!.add(domainOf(host, key));
        }
      }
      state.weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? scored : domains[i]!.size) + 2));

      // The per-domain books of ClusterView count every host; scan instead when some hosts must not count.
      const zoned = constraints.filter((c) => c.topologyKey !== HOSTNAME).length;
      const scan = selective || (requireAll && zoned > 1);
      state.counts = constraints.map((c, i) => {
        const byDomain = new Map<string, number>();
        if (c.topologyKey === HOSTNAME) return byDomain;
        for (const domain of domains[i]!) if (domain !== undefined) byDomain.set(domain, 0);
        if (!scan) {
          for (const domain of byDomain.keys())
            byDomain.set(domain, cluster.domainCount(c.topologyKey, domain, service));
          return byDomain;
        }
        for (const host of cluster.hosts) {
          if (!matchesNodeAffinity(request, host) || (requireAll && !hasAllKeys(constraints, host))) continue;
          const domain = domainOf(host, c.topologyKey);
          const have = domain === undefined ? undefined : byDomain.get(domain);
          if (have !== undefined) byDomain.set(domain!, have + host.serviceCount(service));
        }
        return byDomain;
      });
      return true;
    },
    score: (request, host, _cluster, state) => {
      const { constraints, weights, counts } = state;
      if (state.requireAll && !hasAllKeys(constraints, host)) return IGNORED;
      let score = 0;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        const domain = domainOf(host, c.topologyKey);
        if (domain === undefined) continue;
        const cnt = c.topologyKey === HOSTNAME ? host.serviceCount(request.service!) : (counts[i]!.get(domain) ?? 0);
        score += cnt * weights[i]! + (c.maxSkew - 1);
      }
      // Go's math.Round rounds halves away from zero; scores are never negative here.
      return Math.round(score);
    },
    normalize: (scores, count) => {
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (let i = 0; i < count; i++) {
        const s = scores[i]!;
        if (s === IGNORED) continue;
        if (s < min) min = s;
        if (s > max) max = s;
      }
      for (let i = 0; i < count; i++) {
        const s = scores[i]!;
        if (s === IGNORED) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_SCORE;
        else scores[i] = Math.trunc((MAX_SCORE * (max + min - s)) / max);
      }
    },
  };
}

/** The host has a label for every constraint's topology key. */
function hasAllKeys(constraints: readonly SpreadConstraint[], host: HostView): boolean {
  for (const c of constraints) if (domainOf(host, c.topologyKey) === undefined) return false;
  return true;
}

/** The container's node selector and required affinity hold on the host (kube's nodeAffinityPolicy: Honor). */
function matchesNodeAffinity(request: PlacementRequest, host: HostView): boolean {
  for (const key in request.nodeSelector) if (host.labels[key] !== request.nodeSelector[key]) return false;
  for (const requirement of request.affinity) if (!matchesRequirement(host.labels, requirement)) return false;
  return true;
}
