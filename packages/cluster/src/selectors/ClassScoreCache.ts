import type { HostView } from '../hosts/Host.js';

/**
 * The scoring cycle's memory between attempts, one slot per request class: what a
 * {@link ScoredSelector} worked out for each host last time a container of the same class was placed.
 *
 * Why: kube-like presets score hundreds of hosts per container (percentageOfNodesToScore), and between
 * two containers only the hosts that took or lost a container change. Most containers of a large run
 * share a few request vectors (one per template or stream size: the arrays are shared, so the class is
 * their identity). A slot keeps, per host id, the host's allocation `version` and `state` when it was
 * last examined for that class (as one {@link hostKey}), the filters' verdict (1 feasible), and each
 * host-local scorer's raw score, side by side. While version and state are unchanged, the verdict and the raw scores are those the filters
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

  /** `columns`: the number of host-local scorers whose raw scores a slot keeps, per host; `scorers`: of scorers. */
  constructor(
    private readonly columns: number,
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
    const slot = slots.length < this.capacity || oldest === null ? new ScoreSlot(this.columns, this.scorers) : oldest;
    if (slot !== oldest) slots.push(slot);
    slot.assign(requests, nonZero, verdictKey, hosts);
    slot.used = this.tick;
    return slot;
  }
}

/**
 * What one request class knows of every host; see {@link ClassScoreCache}. One host's knowledge is
 * `stride` adjacent numbers in `data` (from `id × stride`), so that checking and reading it touches one
 * cache line rather than one per array: a scan of hundreds of hosts per attempt is bound by memory.
 */
export class ScoreSlot {
  requests: Float64Array | null = null;
  nonZero: Float64Array | null = null;
  verdictKey = -1;
  hosts = -1;
  used = 0;
  /** Numbers per host: its key, its verdict, then one raw score per host-local column. */
  readonly stride: number;
  /**
   * Per host, from `id × stride`: the host's {@link hostKey} when last examined (-1 never); 1 when it
   * passed the filters, else 0; then the raw score of each host-local column (`VERDICT + 1 + column`),
   * NaN while not known.
   */
  data = new Float64Array(0);
  /**
   * The scoring plan of the class's last fused attempt (see `ScoredSelector`): the sum before the first
   * step, then per step its weight, its uniform value and its column offset (-1 for a uniform value);
   * `planSteps` -1 while there is none.
   */
  planSteps = -1;
  planCommon = 0;
  readonly planWeight: Float64Array;
  readonly planValue: Float64Array;
  readonly planColumn: Int32Array;

  /**
   * `columns`: the number of host-local scorers whose raw scores the slot keeps per host; `scorers`:
   * the number of scorers, the most steps a plan has.
   */
  constructor(
    readonly columns: number,
    scorers: number,
  ) {
    this.stride = VERDICT + 1 + columns;
    this.planWeight = new Float64Array(scorers);
    this.planValue = new Float64Array(scorers);
    this.planColumn = new Int32Array(scorers);
  }

  /** Keeps a plan (copied) for the class's next attempt. */
  keepPlan(common: number, steps: number, weight: Float64Array, value: Float64Array, column: Int32Array): void {
    this.planCommon = common;
    this.planSteps = steps;
    this.planWeight.set(weight.subarray(0, steps));
    this.planValue.set(value.subarray(0, steps));
    this.planColumn.set(column.subarray(0, steps));
  }

  /**
   * True when this plan is the kept one: the same numbers (compared with `===`, so a NaN never
   * matches), so summing by either adds the same values in the same order.
   */
  samePlan(common: number, steps: number, weight: Float64Array, value: Float64Array, column: Int32Array): boolean {
    if (steps !== this.planSteps || common !== this.planCommon) return false;
    for (let j = 0; j < steps; j++) {
      if (weight[j] !== this.planWeight[j] || column[j] !== this.planColumn[j]) return false;
      if (column[j]! < 0 && value[j] !== this.planValue[j]) return false;
    }
    return true;
  }

  /** Forgets every host and takes a new class. */
  assign(requests: Float64Array, nonZero: Float64Array, verdictKey: number, hosts: number): void {
    this.requests = requests;
    this.nonZero = nonZero;
    this.verdictKey = verdictKey;
    if (this.hosts !== hosts) {
      this.hosts = hosts;
      this.data = new Float64Array(hosts * this.stride);
    }
    const data = this.data;
    for (let base = 0; base < data.length; base += this.stride) data[base] = -1;
    this.planSteps = -1;
  }

  /** Records a fresh verdict for the host at `base` (its id × stride) and forgets its raw scores. */
  examined(base: number, key: number, ok: boolean): void {
    const data = this.data;
    data[base] = key;
    data[base + VERDICT] = ok ? 1 : 0;
    data.fill(Number.NaN, base + VERDICT + 1, base + this.stride);
  }
}

/** Offset of the verdict in a host's numbers; the raw scores follow it. */
export const VERDICT = 1;

/**
 * A number that changes whenever the host's allocation `version` or its state changes: the version
 * times four plus a code of the state (0 ready, 1 not-ready, 2 cordoned, 3 down). Verdicts and host-local raw scores
 * stay valid while it holds.
 */
export function hostKey(host: HostView): number {
  const state = host.state;
  const code = state === 'ready' ? 0 : state === 'not-ready' ? 1 : state === 'cordoned' ? 2 : 3;
  return host.version * 4 + code;
}

const SLOTS = 8;
