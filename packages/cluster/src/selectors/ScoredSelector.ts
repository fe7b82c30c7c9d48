import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from '../scheduler/ClusterView.js';
import { HostStamps } from '../scheduler/HostStamps.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { Scorer, WeightedScorer } from '../scheduler/Scorer.js';
import type { SelectionContext, Selector } from '../scheduler/Selector.js';
import type { CandidateSampler } from '../scheduler/sampling/CandidateSampler.js';
import { ClassScoreCache, hostKey, type ScoreSlot, VERDICT } from './ClassScoreCache.js';

/**
 * kube-scheduler's scoring cycle as a selector: find feasible hosts (as many as the sampler asks for,
 * starting where the previous attempt stopped or in random order), run each applicable scorer,
 * normalise, multiply by its weight, sum, and pick the highest total; ties are broken uniformly at
 * random with the scheduler's stream (as kube-scheduler's selectHost). As in
 * kube-scheduler, a single feasible host is taken without scoring.
 *
 * When the scheduler reports host-local filters (`verdictKey`) and nothing is being explained, verdicts
 * and host-local raw scores are read from a `ClassScoreCache` slot for the container's request
 * class, and host-local scorers without normalisation add straight into the totals: the same
 * arithmetic in the same order, so the same decisions. Otherwise every host is asked afresh (host-local
 * scorers still reuse a host's last raw score while it is unchanged).
 */
export class ScoredSelector implements Selector {
  private nextStart = 0;
  private permutation: Int32Array = new Int32Array(0);
  private candidates: HostView[] = [];
  private scores = new Float64Array(64);
  private totals = new Float64Array(64);
  private ties = new Int32Array(64);
  /** Per active scorer: its uniform raw score, and 1 where it has one this attempt. */
  private readonly uniforms: Float64Array;
  private readonly isUniform: Uint8Array;
  /** The fast path's plan, one step per scorer after the first that tells hosts apart. */
  private readonly stepWeight: Float64Array;
  private readonly stepValue: Float64Array;
  /** Per step: the offset of its raw score among a host's numbers in the slot, or -1 for a uniform value. */
  private readonly stepColumn: Int32Array;
  /** Per step: the scorer that computes a raw score the slot lacks. */
  private readonly stepEntry: ScorerEntry[] = [];
  /**
   * Per host position, the host's {@link hostKey} as the scheduler last told it (`attach`,
   * `hostChanged`), so that the scan compares keys in one contiguous array instead of reading every
   * sampled host object; used only while `told` (attached, and every host's id is its position).
   */
  private keys = new Float64Array(0);
  private told = false;
  /** The plan's sum of the uniform scores before its first step, and its number of steps. */
  private planCommon = 0;
  private planSteps = 0;
  /**
   * Where each candidate's numbers start in the class's slot (`id × stride`), beside `candidates`:
   * scoring from a slot reads these, not the hosts.
   */
  private bases = new Int32Array(64);
  private readonly single = new Float64Array(1);
  /** One per scorer, in order: the scorer, its weight, its state (created here) and its score cache. */
  private readonly entries: readonly ScorerEntry[];
  /** Scratch: the entries that apply to the current request come first, written by index. */
  private readonly active: ScorerEntry[] = [];
  /** Verdicts and host-local raw scores per request class, for the fast path. */
  private readonly classes: ClassScoreCache;

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
    let columns = 0;
    this.entries = scorers.map(({ scorer, weight }, index) => ({
      scorer,
      weight,
      index,
      column: scorer.hostLocal === true ? columns++ : -1,
      state: scorer.createState?.(),
      cache: null,
    }));
    this.classes = new ClassScoreCache(columns, scorers.length);
    this.uniforms = new Float64Array(scorers.length);
    this.isUniform = new Uint8Array(scorers.length);
    this.stepWeight = new Float64Array(scorers.length);
    this.stepValue = new Float64Array(scorers.length);
    this.stepColumn = new Int32Array(scorers.length);
  }

  attach(cluster: ClusterView): void {
    const hosts = cluster.hosts;
    this.keys = new Float64Array(hosts.length);
    this.told = true;
    for (let i = 0; i < hosts.length; i++) {
      const host = hosts[i]!;
      if (host.id !== i) this.told = false;
      this.keys[i] = hostKey(host);
    }
  }

  hostChanged(host: HostView): void {
    if (host.id < this.keys.length) this.keys[host.id] = hostKey(host);
  }

  select(request: PlacementRequest, context: SelectionContext): HostView | null {
    const cluster = context.cluster;
    const hosts = cluster.hosts;
    const key = context.recorder === null ? (context.verdictKey ?? null) : null;
    const slot = key === null ? null : this.classes.slot(request.requests, request.nonZeroRequests, key, hosts.length);
    const wanted = this.sampler.count(hosts.length, request);
    this.ensureCapacity(Math.min(wanted, hosts.length));
    // With the plan of the class's last attempt at hand, the scan sums the totals as it goes (see
    // `scanAndSum`); they are used only if this attempt's plan turns out to be the same.
    const speculated =
      slot !== null &&
      slot.planSteps >= 0 &&
      this.sampler.order === 'rotating' &&
      this.told &&
      this.keys.length === hosts.length;
    const count = speculated
      ? this.scanAndSum(context, hosts, wanted, slot)
      : this.findFeasible(context, hosts, wanted, slot);
    if (count === 0) return null;
    const candidates = this.candidates;
    const recorder = context.recorder;
    if (count === 1 && recorder === null) return candidates[0]!;

    const totals = this.totals;
    const active = this.active;
    let activeCount = 0;
    for (const entry of this.entries) {
      if (entry.weight === 0) continue;
      const scorer = entry.scorer;
      if (scorer.prepare !== undefined && !scorer.prepare(request, cluster, candidates, entry.state)) continue;
      active[activeCount++] = entry;
    }
    // Each scorer's uniform raw score (the same for every host) where it has one, asked once, in order.
    const uniforms = this.uniforms;
    const isUniform = this.isUniform;
    let fusable = slot !== null;
    for (let k = 0; k < activeCount; k++) {
      const { scorer, state } = active[k]!;
      const raw = scorer.uniform === undefined ? null : scorer.uniform(request, cluster, state);
      isUniform[k] = raw === null ? 0 : 1;
      uniforms[k] = raw ?? 0;
      if (raw === null && !(scorer.hostLocal === true && scorer.normalize === undefined)) fusable = false;
    }
    if (fusable) {
      this.plan(activeCount);
      if (
        speculated &&
        slot!.samePlan(this.planCommon, this.planSteps, this.stepWeight, this.stepValue, this.stepColumn)
      ) {
        this.sumPending(slot!, request, count, cluster);
      } else {
        this.sumTotals(slot!, request, count, cluster);
        slot!.keepPlan(this.planCommon, this.planSteps, this.stepWeight, this.stepValue, this.stepColumn);
      }
      return this.pick(count, cluster);
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
      if (isUniform[k] === 1) {
        const raw = uniforms[k]!;
        const same = this.normalizeOne(entry, raw);
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
      if (scorer.hostLocal === true && slot !== null) {
        this.scoreFromSlot(slot, entry, request, count, cluster);
        if (scorer.normalize === undefined) continue;
      } else if (scorer.hostLocal === true) this.scoreCached(entry, request, count, cluster);
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

  /** A uniform raw score normalised: normalising equal scores depends only on the value, so one host stands for all. */
  private normalizeOne(entry: ScorerEntry, raw: number): number {
    const one = this.single;
    one[0] = raw;
    entry.scorer.normalize?.(one, 1, entry.state);
    return one[0]!;
  }

  /**
   * The fast path's plan, when every active scorer is uniform or host-local without normalisation and
   * a slot holds the class: the general loop's order of additions, `common` (the uniform scores before
   * the first scorer that tells hosts apart) first, then one step per later scorer, `+= weight × score`
   * with the score read from the slot's column (`stepColumn` ≥ 0) or the scorer's uniform value.
   */
  private plan(activeCount: number): void {
    const active = this.active;
    const stepWeight = this.stepWeight;
    const stepValue = this.stepValue;
    const stepColumn = this.stepColumn;
    const stepEntry = this.stepEntry;
    let common = 0;
    let steps = 0;
    for (let k = 0; k < activeCount; k++) {
      const entry = active[k]!;
      if (this.isUniform[k] === 1) {
        const same = this.normalizeOne(entry, this.uniforms[k]!);
        if (steps === 0) common += entry.weight * same;
        else {
          stepWeight[steps] = entry.weight;
          stepValue[steps] = same;
          stepEntry[steps] = entry;
          stepColumn[steps++] = -1;
        }
        continue;
      }
      stepWeight[steps] = entry.weight;
      stepValue[steps] = 0;
      stepEntry[steps] = entry;
      stepColumn[steps++] = VERDICT + 1 + entry.column;
    }
    this.planCommon = common;
    this.planSteps = steps;
  }

  /**
   * Every candidate's total by the plan, from the slot's raw scores, computing the few it lacks
   * (hosts changed since the class last came) where they are read.
   */
  private sumTotals(slot: ScoreSlot, request: PlacementRequest, count: number, cluster: ClusterView): void {
    const totals = this.totals;
    for (let i = 0; i < count; i++) totals[i] = this.total(slot, this.bases[i]!, i, request, cluster);
  }

  /** After {@link scanAndSum} with the same plan: the totals it left NaN (a raw score unknown), summed now. */
  private sumPending(slot: ScoreSlot, request: PlacementRequest, count: number, cluster: ClusterView): void {
    const totals = this.totals;
    for (let i = 0; i < count; i++) {
      if (Number.isNaN(totals[i]!)) totals[i] = this.total(slot, this.bases[i]!, i, request, cluster);
    }
  }

  /** One candidate's total by the plan; a raw score the slot lacks (NaN) is asked of its scorer and kept. */
  private total(slot: ScoreSlot, base: number, i: number, request: PlacementRequest, cluster: ClusterView): number {
    const data = slot.data;
    const steps = this.planSteps;
    const stepColumn = this.stepColumn;
    const stepWeight = this.stepWeight;
    let total = this.planCommon;
    for (let j = 0; j < steps; j++) {
      const column = stepColumn[j]!;
      let value: number;
      if (column < 0) value = this.stepValue[j]!;
      else {
        value = data[base + column]!;
        // NaN: not known (a host-local raw score is a number; a scorer returning NaN is asked every time).
        if (Number.isNaN(value)) {
          const { scorer, state } = this.stepEntry[j]!;
          value = scorer.score(request, this.candidates[i]!, cluster, state);
          data[base + column] = value;
        }
      }
      total += stepWeight[j]! * value;
    }
    return total;
  }

  /**
   * A host-local scorer's raw scores from the class's slot, computing only those it lacks. Without
   * normalisation (nothing to explain here) they go straight into the totals, `totals[i] += weight ×
   * raw` as the general loop adds them; with it, into `scores` for the caller to normalise and add.
   */
  private scoreFromSlot(
    slot: ScoreSlot,
    entry: ScorerEntry,
    request: PlacementRequest,
    count: number,
    cluster: ClusterView,
  ): void {
    const { scorer, state, weight } = entry;
    const data = slot.data;
    const bases = this.bases;
    const at = VERDICT + 1 + entry.column;
    // Raw scores the slot lacks (NaN) first (few: hosts changed since the class last came), then one pass.
    for (let i = 0; i < count; i++) {
      const k = bases[i]! + at;
      const known = data[k]!;
      if (!Number.isNaN(known)) continue;
      data[k] = scorer.score(request, this.candidates[i]!, cluster, state);
    }
    if (scorer.normalize === undefined) {
      const totals = this.totals;
      for (let i = 0; i < count; i++) totals[i]! += weight * data[bases[i]! + at]!;
    } else {
      const scores = this.scores;
      for (let i = 0; i < count; i++) scores[i] = data[bases[i]! + at]!;
    }
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

  /**
   * {@link findFeasible} in rotating order, which also sums each candidate's total by the plan the
   * slot kept from the class's last fused attempt, while the host's numbers are at hand: the same
   * additions in the same order as {@link total}, so when this attempt's plan (known only after the
   * scorers' PreScore has seen the candidates) is the same, the totals stand and only those left NaN
   * (a raw score unknown) are summed afterwards; otherwise they are all summed again.
   */
  private scanAndSum(context: SelectionContext, hosts: readonly HostView[], wanted: number, slot: ScoreSlot): number {
    const n = hosts.length;
    const candidates = this.candidates;
    const bases = this.bases;
    const totals = this.totals;
    const data = slot.data;
    const stride = slot.stride;
    const keys = this.keys;
    const { planWeight, planValue, planColumn } = slot;
    const steps = slot.planSteps;
    const common = slot.planCommon;
    const w0 = planWeight[0] ?? 0;
    const c0 = planColumn[0] ?? -1;
    const v0 = planValue[0] ?? 0;
    const w1 = planWeight[1] ?? 0;
    const c1 = planColumn[1] ?? -1;
    const v1 = planValue[1] ?? 0;
    const w2 = planWeight[2] ?? 0;
    const c2 = planColumn[2] ?? -1;
    const v2 = planValue[2] ?? 0;
    let found = 0;
    let examined = 0;
    const start = n === 0 ? 0 : this.nextStart % n;
    let i = start;
    while (examined < n && found < wanted) {
      // Position i is host id i (see `told`); the host object is read only when it changed.
      const at = i;
      examined += 1;
      i = i + 1 === n ? 0 : i + 1;
      const base = at * stride;
      const key = keys[at]!;
      let pass: boolean;
      if (data[base] === key) pass = data[base + VERDICT] === 1;
      else {
        pass = context.feasible(hosts[at]!);
        slot.examined(base, key, pass);
      }
      if (!pass) continue;
      // The plan's first three steps are held in locals (most plans have at most three); an unknown
      // raw score (NaN) makes the total NaN: summed later, once the scorers are prepared.
      let total = common;
      if (steps > 0) {
        total += w0 * (c0 < 0 ? v0 : data[base + c0]!);
        if (steps > 1) {
          total += w1 * (c1 < 0 ? v1 : data[base + c1]!);
          if (steps > 2) {
            total += w2 * (c2 < 0 ? v2 : data[base + c2]!);
            for (let j = 3; j < steps; j++) {
              const column = planColumn[j]!;
              total += planWeight[j]! * (column < 0 ? planValue[j]! : data[base + column]!);
            }
          }
        }
      }
      totals[found] = total;
      bases[found] = base;
      candidates[found++] = hosts[at]!;
    }
    if (n > 0) this.nextStart = (start + examined) % n;
    candidates.length = found;
    return found;
  }

  /**
   * Collects up to `wanted` feasible hosts into `candidates`; returns how many. With a slot, a host
   * unchanged since the class last examined it keeps its verdict; the others are asked and recorded.
   */
  private findFeasible(
    context: SelectionContext,
    hosts: readonly HostView[],
    wanted: number,
    slot: ScoreSlot | null,
  ): number {
    const n = hosts.length;
    // Written by index and cut to length at the end: emptying the array first would drop its storage
    // and make every attempt grow it again.
    const candidates = this.candidates;
    let found = 0;
    let examined = 0;
    const bases = this.bases;
    if (this.sampler.order === 'rotating') {
      const start = n === 0 ? 0 : this.nextStart % n;
      let i = start;
      if (slot !== null) {
        // The hot loop of the kube-like presets: while a host is unchanged its verdict is two reads of
        // one cache line of the slot.
        const data = slot.data;
        const stride = slot.stride;
        while (examined < n && found < wanted) {
          const host = hosts[i]!;
          examined += 1;
          i = i + 1 === n ? 0 : i + 1;
          const base = host.id * stride;
          const key = hostKey(host);
          let pass: boolean;
          if (data[base] === key) pass = data[base + VERDICT] === 1;
          else {
            pass = context.feasible(host);
            slot.examined(base, key, pass);
          }
          if (pass) {
            bases[found] = base;
            candidates[found++] = host;
          }
        }
      } else {
        // Without a slot `bases` holds plain host ids; nothing reads them.
        while (examined < n && found < wanted) {
          const host = hosts[i]!;
          examined += 1;
          i = i + 1 === n ? 0 : i + 1;
          if (context.feasible(host)) {
            bases[found] = host.id;
            candidates[found++] = host;
          }
        }
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
        const base = slot === null ? host.id : host.id * slot.stride;
        if (slot === null ? context.feasible(host) : feasibleIn(slot, base, host, context)) {
          bases[found] = base;
          candidates[found++] = host;
        }
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
    this.bases = new Int32Array(size);
  }
}

/** The slot's verdict on `host` (its numbers at `base`) while the host is unchanged since it was recorded; else asked and recorded. */
function feasibleIn(slot: ScoreSlot, base: number, host: HostView, context: SelectionContext): boolean {
  const key = hostKey(host);
  if (slot.data[base] === key) return slot.data[base + VERDICT] === 1;
  const ok = context.feasible(host);
  slot.examined(base, key, ok);
  return ok;
}

/** A scorer as the selector runs it. */
interface ScorerEntry {
  readonly scorer: Scorer;
  readonly weight: number;
  /** Position among the selector's scorers. */
  readonly index: number;
  /** A host-local scorer's position among the host-local ones: the column of its raw scores in a {@link ScoreSlot}; else -1. */
  readonly column: number;
  /** The scorer's state for this selector's simulation, from its `createState`. */
  readonly state: unknown;
  /** A host-local scorer's last raw score per host id, valid while its stamps match; null until first used. */
  cache: { raw: Float64Array; stamps: HostStamps } | null;
}
