import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from '../scheduler/ClusterView.js';
import { HostStamps } from '../scheduler/HostStamps.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { Scorer, WeightedScorer } from '../scheduler/Scorer.js';
import type { SelectionContext, Selector } from '../scheduler/Selector.js';
import type { CandidateSampler } from '../scheduler/sampling/CandidateSampler.js';

/**
 * kube-scheduler's scoring cycle as a selector: find feasible hosts (as many as the sampler asks for,
 * starting where the previous attempt stopped or in random order), run each applicable scorer,
 * normalise, multiply by its weight, sum, and pick the highest total; ties are broken uniformly at
 * random with the scheduler's stream (as kube-scheduler's selectHost). As in
 * kube-scheduler, a single feasible host is taken without scoring.
 */
export class ScoredSelector implements Selector {
  private nextStart = 0;
  private permutation: Int32Array = new Int32Array(0);
  private candidates: HostView[] = [];
  private scores = new Float64Array(64);
  private totals = new Float64Array(64);
  private ties = new Int32Array(64);
  private readonly single = new Float64Array(1);
  /** One per scorer, in order: the scorer, its weight, its state (created here) and its score cache. */
  private readonly entries: readonly ScorerEntry[];
  /** Scratch: the entries that apply to the current request come first, written by index. */
  private readonly active: ScorerEntry[] = [];

  constructor(
    readonly name: string,
    readonly scorers: readonly WeightedScorer[],
    readonly sampler: CandidateSampler,
  ) {
    for (const { scorer, weight } of scorers) {
      if (!(Number.isFinite(weight) && weight >= 0)) {
        throw new RangeError(`Weight of scorer '${scorer.name}' must be a non-negative number, got ${weight}`);
      }
    }
    this.entries = scorers.map(({ scorer, weight }) => ({
      scorer,
      weight,
      state: scorer.createState?.(),
      cache: null,
    }));
  }

  select(request: PlacementRequest, context: SelectionContext): HostView | null {
    const cluster = context.cluster;
    const count = this.findFeasible(context, cluster.hosts, this.sampler.count(cluster.hosts.length, request));
    if (count === 0) return null;
    const candidates = this.candidates;
    const recorder = context.recorder;
    if (count === 1 && recorder === null) return candidates[0]!;

    this.ensureCapacity(count);
    const totals = this.totals;
    const active = this.active;
    let activeCount = 0;
    for (const entry of this.entries) {
      if (entry.weight === 0) continue;
      const scorer = entry.scorer;
      if (scorer.prepare !== undefined && !scorer.prepare(request, cluster, candidates, entry.state)) continue;
      active[activeCount++] = entry;
    }
    const perHost: Array<Record<string, { raw: number; normalized: number; weighted: number }>> | null =
      recorder === null ? null : candidates.slice(0, count).map(() => ({}));
    const scores = this.scores;
    // Until a scorer tells hosts apart every total is the same number, kept once in `common`; it is
    // summed in scorer order, exactly as each host's total would be.
    let common = 0;
    let varied = false;
    for (let k = 0; k < activeCount; k++) {
      const entry = active[k]!;
      const { scorer, weight, state } = entry;
      const raw = scorer.uniform === undefined ? null : scorer.uniform(request, cluster, state);
      if (raw !== null) {
        // Normalising equal scores depends only on the value, so one host stands for all.
        const one = this.single;
        one[0] = raw;
        scorer.normalize?.(one, 1, state);
        const same = one[0]!;
        if (varied) for (let i = 0; i < count; i++) totals[i]! += weight * same;
        else common += weight * same;
        if (perHost !== null) {
          for (let i = 0; i < count; i++) perHost[i]![scorer.name] = { raw, normalized: same, weighted: weight * same };
        }
        continue;
      }
      if (!varied) {
        totals.fill(common, 0, count);
        varied = true;
      }
      if (scorer.hostLocal === true) this.scoreCached(entry, request, count, cluster);
      else for (let i = 0; i < count; i++) scores[i] = scorer.score(request, candidates[i]!, cluster, state);
      const raws = perHost === null ? null : Array.from(scores.subarray(0, count));
      scorer.normalize?.(scores, count, state);
      for (let i = 0; i < count; i++) totals[i]! += weight * scores[i]!;
      if (perHost !== null) {
        for (let i = 0; i < count; i++) {
          perHost[i]![scorer.name] = { raw: raws![i]!, normalized: scores[i]!, weighted: weight * scores[i]! };
        }
      }
    }
    if (!varied) totals.fill(common, 0, count);
    if (recorder !== null && perHost !== null) {
      for (let i = 0; i < count; i++) recorder.accept(candidates[i]!.name, perHost[i]!, totals[i]!);
    }
    return this.pick(count, cluster);
  }

  /**
   * Raw scores of a host-local scorer, reusing each host's last score while the host's allocation
   * (its version), its state and the container's request vectors are the ones it was computed for.
   */
  private scoreCached(entry: ScorerEntry, request: PlacementRequest, count: number, cluster: ClusterView): void {
    let cache = entry.cache;
    const n = cluster.hosts.length;
    if (cache === null || cache.raw.length !== n) {
      cache = { raw: new Float64Array(n), stamps: new HostStamps() };
      cache.stamps.reset(n);
      entry.cache = cache;
    }
    const { raw, stamps } = cache;
    const { scorer, state } = entry;
    const scores = this.scores;
    const candidates = this.candidates;
    const { requests, nonZeroRequests } = request;
    for (let i = 0; i < count; i++) {
      const host = candidates[i]!;
      if (stamps.matches(host, requests, nonZeroRequests, 0)) {
        scores[i] = raw[host.id]!;
        continue;
      }
      const s = scorer.score(request, host, cluster, state);
      scores[i] = s;
      raw[host.id] = s;
      stamps.stamp(host, requests, nonZeroRequests, 0);
    }
  }

  /**
   * The host with the highest total; among ties, one chosen uniformly with a single draw from the
   * scheduler's stream. kube-scheduler's selectHost draws once per tie (reservoir sampling); the
   * distribution is the same, and one draw per attempt is cheaper when hundreds of hosts tie.
   */
  private pick(count: number, cluster: ClusterView): HostView {
    const totals = this.totals;
    const ties = this.ties;
    let bestScore = totals[0]!;
    let tied = 1;
    ties[0] = 0;
    for (let i = 1; i < count; i++) {
      const s = totals[i]!;
      if (s > bestScore) {
        bestScore = s;
        ties[0] = i;
        tied = 1;
      } else if (s === bestScore) {
        ties[tied++] = i;
      }
    }
    const best = tied === 1 ? ties[0]! : ties[cluster.rng.integer(0, tied)]!;
    return this.candidates[best]!;
  }

  /** Collects up to `wanted` feasible hosts into `candidates`; returns how many. */
  private findFeasible(context: SelectionContext, hosts: readonly HostView[], wanted: number): number {
    const n = hosts.length;
    // Written by index and cut to length at the end: emptying the array first would drop its storage
    // and make every attempt grow it again.
    const candidates = this.candidates;
    let found = 0;
    let examined = 0;
    if (this.sampler.order === 'rotating') {
      const start = n === 0 ? 0 : this.nextStart % n;
      let i = start;
      while (examined < n && found < wanted) {
        const host = hosts[i]!;
        examined += 1;
        i = i + 1 === n ? 0 : i + 1;
        if (context.feasible(host)) candidates[found++] = host;
      }
      if (n > 0) this.nextStart = (start + examined) % n;
    } else {
      // Random order: a partial Fisher-Yates shuffle of a permutation kept between attempts, so every
      // order is equally likely and nothing is allocated per attempt.
      if (this.permutation.length !== n) this.permutation = Int32Array.from({ length: n }, (_, i) => i);
      const perm = this.permutation;
      const rng = context.cluster.rng;
      while (examined < n && found < wanted) {
        const j = examined + rng.integer(0, n - examined);
        const pick = perm[j]!;
        perm[j] = perm[examined]!;
        perm[examined] = pick;
        examined += 1;
        const host = hosts[pick]!;
        if (context.feasible(host)) candidates[found++] = host;
      }
    }
    candidates.length = found;
    if (context.recorder !== null) context.recorder.considered = examined;
    return found;
  }

  private ensureCapacity(count: number): void {
    if (this.scores.length >= count) return;
    let size = this.scores.length;
    while (size < count) size *= 2;
    this.scores = new Float64Array(size);
    this.totals = new Float64Array(size);
    this.ties = new Int32Array(size);
  }
}

/** A scorer as the selector runs it. */
interface ScorerEntry {
  readonly scorer: Scorer;
  readonly weight: number;
  /** The scorer's state for this selector's simulation, from its `createState`. */
  readonly state: unknown;
  /** A host-local scorer's last raw score per host id, valid while its stamps match; null until first used. */
  cache: { raw: Float64Array; stamps: HostStamps } | null;
}
