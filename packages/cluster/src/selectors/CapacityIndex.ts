import type { HostView } from '../hosts/Host.js';

/** Request vectors first fit remembers a start for: a workload's few shapes, with room to spare. */
const MEMO_SIZE = 16;

/**
 * A segment tree over the hosts in declaration order, kept up to date as containers come and go, so
 * that fit-based selectors find their host without scanning every host. Each tree node keeps, for
 * its range of hosts: the largest free amount of each resource (and of container slots), the smallest
 * and largest capacity of each resource, and the smallest and largest "leftover" key
 * `Σ_r w_r · free_r / cap_r` over resources the host has. Searches prune every range that cannot hold
 * the request or cannot beat the best host found so far, and then confirm a candidate with the full
 * filters. Hosts that are not ready hold nothing.
 *
 * First fit also remembers, per recent request (by its resource vector), a position before which no
 * host has room for it (the lowest host with room, as of its last search), and starts there. The
 * tree's per-range maxima can come from different hosts (one with cpu, another with memory), so a
 * search from the first host would descend into ranges of nearly full hosts where none fits, and a
 * first-fit cluster is full at the front: without the memo, a search walks that front on every call.
 * A memo only moves back when a host before it changes and now has room for its request, so each
 * search walks just the hosts filled since the last one. The answer is the same host: no host the
 * memo skips could have passed the tree's test, so none of them would have been offered to `accept`.
 * A request also starts past the memo of any remembered request it needs no less of in every resource.
 */
export class CapacityIndex {
  private readonly r: number;
  private readonly size: number;
  /** (r + 1) values per node: free per resource, then free container slots. */
  private readonly maxFree: Float64Array;
  private readonly minCap: Float64Array;
  private readonly maxCap: Float64Array;
  private readonly minKey: Float64Array;
  private readonly maxKey: Float64Array;
  private req: Float64Array;
  private best = -1;
  private bestMeasure = 0;
  /** First fit's memo: up to MEMO_SIZE request vectors (r values each), their start and last use. */
  private readonly memoReq: Float64Array;
  private readonly memoStart: Int32Array;
  private readonly memoUsed: Float64Array;
  private memoCount = 0;
  private memoClock = 0;
  /** The lowest leaf a first-fit search found with room for the request (whether or not accepted), or -1. */
  private firstRoom = -1;

  constructor(
    private readonly hosts: readonly HostView[],
    private readonly weights: Float64Array,
  ) {
    this.r = weights.length;
    let size = 1;
    while (size < Math.max(1, hosts.length)) size *= 2;
    this.size = size;
    const nodes = 2 * size;
    this.maxFree = new Float64Array(nodes * (this.r + 1)).fill(Number.NEGATIVE_INFINITY);
    this.minCap = new Float64Array(nodes * this.r).fill(Number.POSITIVE_INFINITY);
    this.maxCap = new Float64Array(nodes * this.r).fill(0);
    this.minKey = new Float64Array(nodes).fill(Number.POSITIVE_INFINITY);
    this.maxKey = new Float64Array(nodes).fill(Number.NEGATIVE_INFINITY);
    this.req = new Float64Array(this.r);
    this.memoReq = new Float64Array(MEMO_SIZE * this.r);
    this.memoStart = new Int32Array(MEMO_SIZE);
    this.memoUsed = new Float64Array(MEMO_SIZE);
    for (const host of hosts) this.writeLeaf(host);
    for (let node = size - 1; node >= 1; node--) this.pull(node);
  }

  /** Refreshes one host after its allocation or state changed: O(R log N). */
  update(host: HostView): void {
    this.writeLeaf(host);
    for (let node = (this.size + host.id) >> 1; node >= 1; node >>= 1) this.pull(node);
    // A host before a memo's start that now has room for its request becomes that request's start.
    const leaf = this.size + host.id;
    for (let e = 0; e < this.memoCount; e++) {
      if (this.memoStart[e]! > host.id && this.leafHasRoom(leaf, this.memoReq, e * this.r)) this.memoStart[e] = host.id;
    }
  }

  /**
   * The leftover measure of placing `request` on `host`: `Σ_r w_r · (free_r − req_r) / cap_r`, over the
   * resources the host has, computed as `key − Σ_r w_r · req_r / cap_r` in the same order as the
   * search's bounds, so that bounds and measures compare exactly. Infinity for a host that is not ready.
   */
  measure(host: HostView, request: Float64Array): number {
    const node = this.size + host.id;
    let m = this.minKey[node]!;
    if (m === Number.POSITIVE_INFINITY) return m;
    const cap = host.capacity;
    for (let r = 0; r < this.r; r++) {
      const need = request[r]!;
      if (need > 0) m -= (this.weights[r]! * need) / cap[r]!;
    }
    return m;
  }

  /** The first host at position >= `from` (in declaration order) that fits and passes `accept`, or -1. */
  firstFit(request: Float64Array, from: number, accept: (host: HostView) => boolean): number {
    this.req = request;
    const e = this.memoEntry(request);
    const start = this.startOf(e, request);
    this.firstRoom = -1;
    const found = this.first(1, 0, this.size, Math.max(from, start), accept);
    // Searched from the memo: no host between it and the first with room has room.
    if (from <= start) this.memoStart[e] = this.firstRoom >= 0 ? this.firstRoom : this.size;
    return found;
  }

  /**
   * Where a search for entry `e`'s request may start: its own memo, or further on, the memo of any
   * remembered request it needs at least as much of every resource as (a host without room for the
   * smaller request has none for it). So a request seen for the first time starts past the front too.
   */
  private startOf(e: number, request: Float64Array): number {
    const r = this.r;
    const memoReq = this.memoReq;
    let start = this.memoStart[e]!;
    others: for (let j = 0; j < this.memoCount; j++) {
      const s = this.memoStart[j]!;
      if (s <= start) continue;
      const base = j * r;
      for (let i = 0; i < r; i++) if (memoReq[base + i]! > request[i]!) continue others;
      start = s;
    }
    return start;
  }

  /** The memo entry of `request`, made (starting at host 0) in place of the least recently used if new. */
  private memoEntry(request: Float64Array): number {
    const r = this.r;
    const memoReq = this.memoReq;
    let e = 0;
    search: for (; e < this.memoCount; e++) {
      const base = e * r;
      for (let i = 0; i < r; i++) if (memoReq[base + i] !== request[i]) continue search;
      break;
    }
    if (e === this.memoCount) {
      if (this.memoCount < MEMO_SIZE) this.memoCount++;
      else {
        e = 0;
        for (let i = 1; i < MEMO_SIZE; i++) if (this.memoUsed[i]! < this.memoUsed[e]!) e = i;
      }
      memoReq.set(request.subarray(0, r), e * r);
      this.memoStart[e] = 0;
    }
    this.memoUsed[e] = ++this.memoClock;
    return e;
  }

  /** Whether a leaf has room for the request stored at `reqs[base..base + r)`: fits() for one host. */
  private leafHasRoom(leaf: number, reqs: Float64Array, base: number): boolean {
    const at = leaf * (this.r + 1);
    const maxFree = this.maxFree;
    for (let i = 0; i < this.r; i++) {
      const need = reqs[base + i]!;
      if (need > 0 && maxFree[at + i]! < need) return false;
    }
    return maxFree[at + this.r]! >= 1;
  }

  /** The host with the least (or, for worst fit, greatest) leftover measure; ties go to the earlier host. */
  bestFit(request: Float64Array, worst: boolean, accept: (host: HostView) => boolean): number {
    this.req = request;
    this.best = -1;
    this.bestMeasure = worst ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    if (worst) this.searchWorst(1, accept);
    else this.searchBest(1, accept);
    return this.best;
  }

  private fits(node: number): boolean {
    const stride = this.r + 1;
    const base = node * stride;
    const maxFree = this.maxFree;
    const req = this.req;
    for (let r = 0; r < this.r; r++) {
      const need = req[r]!;
      if (need > 0 && maxFree[base + r]! < need) return false;
    }
    return maxFree[base + this.r]! >= 1;
  }

  private first(node: number, lo: number, hi: number, from: number, accept: (host: HostView) => boolean): number {
    if (hi <= from || !this.fits(node)) return -1;
    if (node >= this.size) {
      const host = this.hosts[node - this.size]!;
      if (this.firstRoom < 0) this.firstRoom = host.id;
      return accept(host) ? host.id : -1;
    }
    const mid = (lo + hi) >> 1;
    const left = this.first(2 * node, lo, mid, from, accept);
    if (left >= 0) return left;
    return this.first(2 * node + 1, mid, hi, from, accept);
  }

  /** Lower bound on the measure of any host under `node`. */
  private lowerBound(node: number): number {
    let bound = this.minKey[node]!;
    const req = this.req;
    const base = node * this.r;
    for (let r = 0; r < this.r; r++) {
      const need = req[r]!;
      if (need > 0) bound -= (this.weights[r]! * need) / this.minCap[base + r]!;
    }
    return bound;
  }

  /** Upper bound on the measure of any host under `node`. */
  private upperBound(node: number): number {
    let bound = this.maxKey[node]!;
    const req = this.req;
    const base = node * this.r;
    for (let r = 0; r < this.r; r++) {
      const need = req[r]!;
      if (need > 0) bound -= (this.weights[r]! * need) / this.maxCap[base + r]!;
    }
    return bound;
  }

  private searchBest(node: number, accept: (host: HostView) => boolean): void {
    if (!this.fits(node) || this.lowerBound(node) >= this.bestMeasure) return;
    if (node >= this.size) {
      const host = this.hosts[node - this.size]!;
      const m = this.measure(host, this.req);
      if (m < this.bestMeasure && accept(host)) {
        this.bestMeasure = m;
        this.best = host.id;
      }
      return;
    }
    // Visit the more promising child first: a good early answer prunes more.
    const l = 2 * node;
    if (this.lowerBound(l + 1) < this.lowerBound(l)) {
      this.searchBest(l + 1, accept);
      this.searchBestTiesLeft(l, this.lowestOf(l), accept);
    } else {
      this.searchBest(l, accept);
      this.searchBest(l + 1, accept);
    }
  }

  /**
   * Like searchBest for a subtree left of the current best: an equal measure there wins the tie. Its
   * hosts are visited in declaration order, so once a tie is taken, a later range whose bound only
   * equals the best holds no host that can win (an equal measure with a greater id loses the tie):
   * on a fleet of identical empty hosts the walk stops there instead of visiting every tied host.
   */
  private searchBestTiesLeft(node: number, lo: number, accept: (host: HostView) => boolean): void {
    if (!this.fits(node)) return;
    const bound = this.lowerBound(node);
    if (bound > this.bestMeasure || (bound === this.bestMeasure && lo > this.best)) return;
    if (node >= this.size) {
      const host = this.hosts[node - this.size]!;
      const m = this.measure(host, this.req);
      if ((m < this.bestMeasure || (m === this.bestMeasure && host.id < this.best)) && accept(host)) {
        this.bestMeasure = m;
        this.best = host.id;
      }
      return;
    }
    const half = this.halfWidth(node);
    this.searchBestTiesLeft(2 * node, lo, accept);
    this.searchBestTiesLeft(2 * node + 1, lo + half, accept);
  }

  private searchWorst(node: number, accept: (host: HostView) => boolean): void {
    if (!this.fits(node) || this.upperBound(node) <= this.bestMeasure) return;
    if (node >= this.size) {
      const host = this.hosts[node - this.size]!;
      const m = this.measure(host, this.req);
      if (m > this.bestMeasure && accept(host)) {
        this.bestMeasure = m;
        this.best = host.id;
      }
      return;
    }
    const l = 2 * node;
    if (this.upperBound(l + 1) > this.upperBound(l)) {
      this.searchWorst(l + 1, accept);
      this.searchWorstTiesLeft(l, this.lowestOf(l), accept);
    } else {
      this.searchWorst(l, accept);
      this.searchWorst(l + 1, accept);
    }
  }

  /** Like searchWorst for a subtree left of the current best; ties as in {@link searchBestTiesLeft}. */
  private searchWorstTiesLeft(node: number, lo: number, accept: (host: HostView) => boolean): void {
    if (!this.fits(node)) return;
    const bound = this.upperBound(node);
    if (bound < this.bestMeasure || (bound === this.bestMeasure && lo > this.best)) return;
    if (node >= this.size) {
      const host = this.hosts[node - this.size]!;
      const m = this.measure(host, this.req);
      if ((m > this.bestMeasure || (m === this.bestMeasure && host.id < this.best)) && accept(host)) {
        this.bestMeasure = m;
        this.best = host.id;
      }
      return;
    }
    const half = this.halfWidth(node);
    this.searchWorstTiesLeft(2 * node, lo, accept);
    this.searchWorstTiesLeft(2 * node + 1, lo + half, accept);
  }

  /** The position of the first host in a node's range. */
  private lowestOf(node: number): number {
    const depth = 31 - Math.clz32(node);
    return (node - (1 << depth)) * (this.size >> depth);
  }

  /** Hosts in each child's range of an inner node. */
  private halfWidth(node: number): number {
    // A node at depth d (root 1 at depth 0) covers size >> d hosts.
    return this.size >> (32 - Math.clz32(node));
  }

  private writeLeaf(host: HostView): void {
    const node = this.size + host.id;
    const r = this.r;
    const stride = r + 1;
    const ready = host.state === 'ready';
    let key = 0;
    for (let i = 0; i < r; i++) {
      const cap = host.capacity[i]!;
      const free = cap - host.allocated[i]!;
      this.maxFree[node * stride + i] = ready ? free : Number.NEGATIVE_INFINITY;
      this.minCap[node * r + i] = cap > 0 ? cap : Number.POSITIVE_INFINITY;
      this.maxCap[node * r + i] = cap;
      if (cap > 0) key += (this.weights[i]! * free) / cap;
    }
    this.maxFree[node * stride + r] = ready ? host.maxContainers - host.containerCount : Number.NEGATIVE_INFINITY;
    this.minKey[node] = ready ? key : Number.POSITIVE_INFINITY;
    this.maxKey[node] = ready ? key : Number.NEGATIVE_INFINITY;
  }

  private pull(node: number): void {
    const r = this.r;
    const stride = r + 1;
    const a = 2 * node;
    const b = a + 1;
    const maxFree = this.maxFree;
    for (let i = 0; i <= r; i++) {
      const x = maxFree[a * stride + i]!;
      const y = maxFree[b * stride + i]!;
      maxFree[node * stride + i] = Math.max(x, y);
    }
    for (let i = 0; i < r; i++) {
      const x = this.minCap[a * r + i]!;
      const y = this.minCap[b * r + i]!;
      this.minCap[node * r + i] = Math.min(x, y);
      const u = this.maxCap[a * r + i]!;
      const v = this.maxCap[b * r + i]!;
      this.maxCap[node * r + i] = Math.max(u, v);
    }
    const k1 = this.minKey[a]!;
    const k2 = this.minKey[b]!;
    this.minKey[node] = Math.min(k1, k2);
    const m1 = this.maxKey[a]!;
    const m2 = this.maxKey[b]!;
    this.maxKey[node] = Math.max(m1, m2);
  }
}
