import type { HostState } from '../hosts/Host.js';

/**
 * The scoring cycle's memory between attempts, one slot per request class: what a
 * {@link ScoredSelector} worked out for each host last time a container of the same class was placed.
 *
 * Why: kube-like presets score hundreds of hosts per container (percentageOfNodesToScore), and between
 * two containers only the hosts that took or lost a container change. Most containers of a large run
 * share a few request vectors (one per template or stream size: the arrays are shared, so the class is
 * their identity). A slot keeps, per host id, the host's allocation `version` and `state` when it was
 * last examined for that class, the filters' verdict (1 feasible), and each host-local scorer's raw
 * score. While version and state are unchanged, the verdict and the raw scores are those the filters
 * and scorers would return again, so the selector reads them instead of calling the plug-ins.
 *
 * A slot is used only when the scheduler says every applicable filter is host-local
 * (`SelectionContext.verdictKey`, part of the slot's key), and raw scores only for scorers that
 * declare `hostLocal` (their score depends on the request vectors and the host's allocation). An
 * optimisation only: a property test (`ScoredSelector.fast.prop.test.ts`) checks every decision
 * against the same selector with nothing cached.
 *
 * Eight slots (least recently used evicted, each allocated when first needed) cover the usual mixes
 * (a stream of a few sizes, a fleet of five shapes); a class that comes back after
 * eviction starts with nothing known, as a new one does.
 */
export class ClassScoreCache {
  private readonly slots: ScoreSlot[] = [];
  private tick = 0;

  /** `scorers`: the number of scorer entries whose raw scores a slot may hold, per host. */
  constructor(
    private readonly scorers: number,
    private readonly capacity = SLOTS,
  ) {}

  /** The slot of this class, sized for `hosts` hosts; a new class takes the least recently used slot. */
  slot(requests: Float64Array, nonZero: Float64Array, verdictKey: number, hosts: number): ScoreSlot {
    const slots = this.slots;
    this.tick += 1;
    let oldest: ScoreSlot | null = null;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      if (s.requests === requests && s.nonZero === nonZero && s.verdictKey === verdictKey && s.hosts === hosts) {
        s.used = this.tick;
        return s;
      }
      if (oldest === null || s.used < oldest.used) oldest = s;
    }
    const slot = slots.length < this.capacity || oldest === null ? new ScoreSlot(this.scorers) : oldest;
    if (slot !== oldest) slots.push(slot);
    slot.assign(requests, nonZero, verdictKey, hosts);
    slot.used = this.tick;
    return slot;
  }
}

/** What one request class knows of every host; see {@link ClassScoreCache}. */
export class ScoreSlot {
  requests: Float64Array | null = null;
  nonZero: Float64Array | null = null;
  verdictKey = -1;
  hosts = -1;
  used = 0;
  /** Per host id: its `version` when last examined, -1 never. */
  version = new Float64Array(0);
  /** Per host id: its state when last examined. */
  state: Array<HostState | undefined> = [];
  /** Per host id: 1 when it passed the filters. */
  ok = new Uint8Array(0);
  /** Per host id and scorer entry (`id * scorers + entry`): the raw score, valid where `known` is 1. */
  raw = new Float64Array(0);
  known = new Uint8Array(0);

  constructor(readonly scorers: number) {}

  /** Forgets every host and takes a new class. */
  assign(requests: Float64Array, nonZero: Float64Array, verdictKey: number, hosts: number): void {
    this.requests = requests;
    this.nonZero = nonZero;
    this.verdictKey = verdictKey;
    if (this.hosts !== hosts) {
      this.hosts = hosts;
      this.version = new Float64Array(hosts);
      this.ok = new Uint8Array(hosts);
      this.raw = new Float64Array(hosts * this.scorers);
      this.known = new Uint8Array(hosts * this.scorers);
      // Filled up front: an array written at scattered ids would fall back to slow dictionary storage.
      this.state = Array.from({ length: hosts }, () => undefined);
    }
    this.version.fill(-1);
  }

  /** Records a fresh verdict for host `id` and forgets its raw scores. */
  examined(id: number, version: number, state: HostState, ok: boolean): void {
    this.version[id] = version;
    this.state[id] = state;
    this.ok[id] = ok ? 1 : 0;
    const base = id * this.scorers;
    this.known.fill(0, base, base + this.scorers);
  }
}

const SLOTS = 8;
