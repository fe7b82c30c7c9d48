import type { HostState } from '../hosts/Host.js';

/**
 * The filters' verdicts between attempts, one slot per request kind: what the host-local filters said
 * of each host the last time a container of the same kind was placed.
 *
 * Why: a selector asks about every host for every container (the GPU policies score all 1,213 nodes of
 * the FGD paper's cluster for each of its 10,841 pods), and between two containers of a kind only the
 * hosts that took or lost a container change. Containers of one kind share their request vectors (and
 * GPU request; see SharedRequestVectors), so the kind is the vectors' identity, with the set of filters
 * that applied (the scheduler's mask). A slot keeps, per host id, the host's allocation `version` and
 * `state` when its verdict was worked out, and the verdict as a reason (null when the host passed).
 * While version and state are unchanged, the host-local filters would say the same again.
 *
 * Slots are allocated as kinds first come, up to a budget of host entries (at least {@link MIN_SLOTS}
 * slots); past it the least recently used slot is taken over, and a kind that comes back after that
 * starts with nothing known, as a new one does. Taking a slot over costs no pass over its hosts: an
 * entry counts only while it carries the slot's current `token` (a stream of many kinds, each seen
 * once, would otherwise clear a slot's thousands of entries at every attempt). An optimisation only: decisions are those of running
 * every filter afresh (Scheduler.reuse.test.ts).
 */
export class VerdictCache {
  private readonly byRequests = new Map<Float64Array, VerdictSlot[]>();
  private count = 0;
  private tick = 0;
  /** The last token handed to a slot taking a kind; 0 is no slot's. */
  private tokens = 0;

  /** `budget`: host entries the slots may hold in all. */
  constructor(private readonly budget = ENTRY_BUDGET) {}

  /** The slot of this kind, sized for `hosts` hosts (emptied when the host count changed). */
  slot(requests: Float64Array, nonZero: Float64Array, mask: number, hosts: number): VerdictSlot {
    this.tick += 1;
    const list = this.byRequests.get(requests);
    if (list !== undefined) {
      for (const s of list) {
        if (s.nonZero === nonZero && s.mask === mask) {
          s.used = this.tick;
          if (s.version.length !== hosts) {
            s.resize(hosts);
            s.token = ++this.tokens;
          }
          return s;
        }
      }
    }
    const capacity = Math.max(MIN_SLOTS, Math.floor(this.budget / Math.max(1, hosts)));
    const slot = this.count < capacity ? this.fresh(hosts) : this.evictOldest(hosts);
    slot.nonZero = nonZero;
    slot.mask = mask;
    slot.requests = requests;
    slot.token = ++this.tokens;
    slot.used = this.tick;
    if (list === undefined) this.byRequests.set(requests, [slot]);
    else list.push(slot);
    return slot;
  }

  private fresh(hosts: number): VerdictSlot {
    this.count += 1;
    return new VerdictSlot(hosts);
  }

  /** Takes the least recently used slot away from its kind (`slot` then gives it a new token). */
  private evictOldest(hosts: number): VerdictSlot {
    let oldest: VerdictSlot | null = null;
    for (const list of this.byRequests.values())
      for (const s of list) if (oldest === null || s.used < oldest.used) oldest = s;
    const slot = oldest!;
    const list = this.byRequests.get(slot.requests!)!;
    list.splice(list.indexOf(slot), 1);
    if (list.length === 0) this.byRequests.delete(slot.requests!);
    slot.resize(hosts);
    return slot;
  }
}

/** What one request kind knows of every host's verdict; see {@link VerdictCache}. */
export class VerdictSlot {
  requests: Float64Array | null = null;
  nonZero: Float64Array | null = null;
  mask = 0;
  used = 0;
  /** The kind's token: an entry counts only where `owner` holds it (see {@link VerdictCache}). */
  token = 0;
  /** Per host id: the token of the kind its entry was written for. */
  owner: Int32Array;
  /** Per host id: its `version` when its verdict was worked out. */
  version: Float64Array;
  /** Per host id: its state when its verdict was worked out. */
  state: Array<HostState | undefined>;
  /** Per host id: null when it passed the filters, else the first failing filter's reason. */
  reason: Array<string | null>;

  constructor(hosts: number) {
    this.owner = new Int32Array(hosts);
    this.version = new Float64Array(hosts).fill(-1);
    // Filled up front: arrays written at scattered ids would fall back to slow dictionary storage.
    this.state = Array.from({ length: hosts }, () => undefined);
    this.reason = Array.from({ length: hosts }, () => null);
  }

  /** True when host `id`'s entry was written for the slot's current kind. */
  knows(id: number): boolean {
    return this.owner[id] === this.token;
  }

  /** Covers `hosts` hosts (when the count changed), each entry unwritten. */
  resize(hosts: number): void {
    if (this.version.length === hosts) return;
    this.owner = new Int32Array(hosts);
    this.version = new Float64Array(hosts).fill(-1);
    this.state = Array.from({ length: hosts }, () => undefined);
    this.reason = Array.from({ length: hosts }, () => null);
  }
}

/** Host entries the cache may hold in all (about 24 bytes each). */
const ENTRY_BUDGET = 1 << 20;
/** Slots kept whatever the cluster's size. */
const MIN_SLOTS = 8;
