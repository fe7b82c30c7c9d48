import type { HostView } from '../hosts/Host.js';

/** With more distinct host capacities than this, {@link LeftoverIndex.create} declines (each costs a walk). */
export const MAX_LEFTOVER_SHAPES = 256;

/**
 * Best fit's index. The ready hosts with a free container slot are split into groups by capacity shape
 * and by bottleneck (the resource with the least free fraction), and each group is kept in increasing
 * order of the key `Σ_r w_r · free_r / cap_r` (then declaration order), in a treap whose nodes also hold
 * the largest free amount of each resource below them. Among hosts of one shape the leftover measure is
 * the key minus the same request term, so a group's best-fit host is its first feasible host in that
 * order: a walk that skips every subtree in which no host has enough of some resource, and stops at a
 * key that cannot beat the best host found so far. The bottleneck split is what makes that skipping
 * work on a packed fleet: in the group of the request's dominant resource (the largest `req_r / cap_r`)
 * a host with enough of that resource has enough of every other (up to rounding), so the per-resource
 * maxima do not mislead, and in the other groups hosts short of cpu are kept apart from hosts short of
 * memory. The answer is the best of the groups' answers (least measure, then lowest id), so the cost
 * grows with the number of shapes and only logarithmically with the number of hosts.
 * Every treap node is a host (its id); priorities are a fixed hash of the id, so runs are reproducible.
 */
export class LeftoverIndex {
  private readonly r: number;
  /** r values per host: free per resource (as of the last update). */
  private readonly own: Float64Array;
  /** Like `own`, the maxima over the host's subtree. */
  private readonly sub: Float64Array;
  private readonly key: Float64Array;
  private readonly priority: Uint32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  /** The group (`shape · r + bottleneck`) whose treap holds the host, or -1 (not ready, or full). */
  private readonly groupOf: Int32Array;
  private readonly roots: Int32Array;
  private req: Float64Array;
  /** The search's bound: a host whose measure exceeds it cannot win. */
  private limit = Number.POSITIVE_INFINITY;
  /** Scratch for {@link nextUp}. */
  private readonly bits = new DataView(new ArrayBuffer(8));
  private accept: (host: HostView) => boolean = alwaysTrue;
  private readonly shapes: number;

  /** The index over `hosts`, or null when they have more than {@link MAX_LEFTOVER_SHAPES} capacities. */
  static create(hosts: readonly HostView[], weights: Float64Array): LeftoverIndex | null {
    const shapeOf = new Int32Array(hosts.length);
    const shapes = new Map<string, number>();
    const shapeHost: number[] = [];
    for (const host of hosts) {
      const name = host.capacity.join(',');
      let shape = shapes.get(name);
      if (shape === undefined) {
        if (shapes.size === MAX_LEFTOVER_SHAPES) return null;
        shape = shapes.size;
        shapes.set(name, shape);
        shapeHost.push(host.id);
      }
      shapeOf[host.id] = shape;
    }
    return new LeftoverIndex(hosts, weights, shapeOf, Int32Array.from(shapeHost));
  }

  private constructor(
    private readonly hosts: readonly HostView[],
    private readonly weights: Float64Array,
    /** Each host's capacity shape, numbered in order of first appearance. */
    private readonly shapeOf: Int32Array,
    /** One host of each shape: the shape's capacity. */
    private readonly shapeHost: Int32Array,
  ) {
    const r = weights.length;
    const n = hosts.length;
    this.r = r;
    this.shapes = shapeHost.length;
    this.own = new Float64Array(n * r);
    this.sub = new Float64Array(n * r);
    this.key = new Float64Array(n);
    this.priority = new Uint32Array(n);
    this.left = new Int32Array(n).fill(-1);
    this.right = new Int32Array(n).fill(-1);
    this.groupOf = new Int32Array(n).fill(-1);
    this.req = new Float64Array(r);
    for (let x = 0; x < n; x++) this.priority[x] = mix(x);
    this.roots = new Int32Array(this.shapes * r).fill(-1);
    for (const host of hosts) this.update(host);
  }

  /** Refreshes one host after its allocation or state changed: O(R log N) expected. */
  update(host: HostView): void {
    const x = host.id;
    const r = this.r;
    const old = this.groupOf[x]!;
    if (old >= 0) this.roots[old] = this.remove(this.roots[old]!, x);
    this.groupOf[x] = -1;
    const base = x * r;
    const cap = host.capacity;
    let key = 0;
    let bottleneck = 0;
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < r; i++) {
      const c = cap[i]!;
      const free = c - host.allocated[i]!;
      this.own[base + i] = free;
      if (c > 0) {
        key += (this.weights[i]! * free) / c;
        const fraction = free / c;
        if (fraction < least) {
          least = fraction;
          bottleneck = i;
        }
      }
    }
    this.key[x] = key;
    // A host that is not ready or has no free slot can take no container: it stays out of every group.
    if (host.state !== 'ready' || host.containerCount >= host.maxContainers) return;
    const group = this.shapeOf[x]! * r + bottleneck;
    this.left[x] = -1;
    this.right[x] = -1;
    this.pull(x);
    this.roots[group] = this.insert(this.roots[group]!, x);
    this.groupOf[x] = group;
  }

  /**
   * The leftover measure of placing `request` on `host`: `Σ_r w_r · (free_r − req_r) / cap_r`, over the
   * resources the host has, computed as `key − Σ_r w_r · req_r / cap_r` exactly as
   * {@link CapacityIndex.measure} does, so that both indexes rank hosts identically.
   */
  measure(host: HostView, request: Float64Array): number {
    return this.measureOfKey(this.key[host.id]!, host.capacity, request);
  }

  /** The feasible host with the least leftover measure that passes `accept`; ties go to the earlier host. */
  bestFit(request: Float64Array, accept: (host: HostView) => boolean): number {
    this.req = request;
    this.accept = accept;
    const r = this.r;
    let best = -1;
    let bestMeasure = Number.POSITIVE_INFINITY;
    for (let shape = 0; shape < this.shapes; shape++) {
      const cap = this.hosts[this.shapeHost[shape]!]!.capacity;
      // The request's dominant resource first: its group's walk is exact and sets a bound for the rest.
      let dominant = 0;
      let most = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < r; i++) {
        const c = cap[i]!;
        if (c > 0 && request[i]! / c > most) {
          most = request[i]! / c;
          dominant = i;
        }
      }
      for (let k = 0; k < r; k++) {
        const root = this.roots[shape * r + ((dominant + k) % r)]!;
        if (root < 0) continue;
        this.limit = bestMeasure;
        let x = this.first(root);
        while (x >= 0) {
          const m = this.measureOfKey(this.key[x]!, cap, request);
          if (m < bestMeasure || x < best) {
            best = x;
            bestMeasure = m;
          }
          // Hosts after x in this order have a key of at least nextUp(key); when rounding makes even
          // that key's measure equal to m, a later host may tie with a lower id: look at the next one.
          if (this.measureOfKey(this.nextUp(this.key[x]!), cap, request) !== m) break;
          this.limit = bestMeasure;
          x = this.firstAfter(root, this.key[x]!);
        }
      }
    }
    this.accept = alwaysTrue;
    return best;
  }

  /** The least double greater than `x` (finite `x`): the next bit pattern away from or towards zero. */
  private nextUp(x: number): number {
    if (x === 0) return Number.MIN_VALUE;
    const bits = this.bits;
    bits.setFloat64(0, x);
    const step = x > 0 ? 1 : -1;
    const lo = bits.getUint32(4) + step;
    bits.setUint32(4, lo >>> 0);
    if (lo > 0xffffffff || lo < 0) bits.setUint32(0, bits.getUint32(0) + step);
    return bits.getFloat64(0);
  }

  private measureOfKey(key: number, cap: Float64Array, request: Float64Array): number {
    let m = key;
    for (let r = 0; r < this.r; r++) {
      const need = request[r]!;
      if (need > 0) m -= (this.weights[r]! * need) / cap[r]!;
    }
    return m;
  }

  /** True when some host under `x` may fit the request (`values` is `sub`) or host `x` fits (`own`). */
  private fits(values: Float64Array, x: number): boolean {
    const r = this.r;
    const base = x * r;
    const req = this.req;
    for (let i = 0; i < r; i++) {
      const need = req[i]!;
      if (need > 0 && values[base + i]! < need) return false;
    }
    return true;
  }

  /**
   * The first host in the order under `x` that fits and passes the filters (or -1), unless a host whose
   * measure exceeds the limit comes first: then -2, and the caller stops too (every later host is worse).
   */
  private first(x: number): number {
    if (x < 0 || !this.fits(this.sub, x)) return -1;
    const found = this.first(this.left[x]!);
    if (found !== -1) return found;
    return this.visit(x);
  }

  /** Like {@link first}, among hosts whose key is greater than `key`. */
  private firstAfter(x: number, key: number): number {
    if (x < 0 || !this.fits(this.sub, x)) return -1;
    if (this.key[x]! <= key) return this.firstAfter(this.right[x]!, key);
    const found = this.firstAfter(this.left[x]!, key);
    if (found !== -1) return found;
    return this.visit(x);
  }

  /** In-order step of a walk at `x`: stop past the limit, take `x` if it fits, else walk on to its right. */
  private visit(x: number): number {
    const host = this.hosts[x]!;
    if (this.measureOfKey(this.key[x]!, host.capacity, this.req) > this.limit) return -2;
    if (this.fits(this.own, x) && this.accept(host)) return x;
    return this.first(this.right[x]!);
  }

  /** Order: key, then declaration order. */
  private before(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  private insert(t: number, x: number): number {
    if (t < 0) return x;
    if (this.before(x, t)) {
      const l = this.insert(this.left[t]!, x);
      this.left[t] = l;
      if (this.priority[l]! > this.priority[t]!) {
        this.left[t] = this.right[l]!;
        this.right[l] = t;
        this.pull(t);
        this.pull(l);
        return l;
      }
    } else {
      const r = this.insert(this.right[t]!, x);
      this.right[t] = r;
      if (this.priority[r]! > this.priority[t]!) {
        this.right[t] = this.left[r]!;
        this.left[r] = t;
        this.pull(t);
        this.pull(r);
        return r;
      }
    }
    this.pull(t);
    return t;
  }

  /** Removes `x` (found by the key it was inserted with) from the treap rooted at `t`. */
  private remove(t: number, x: number): number {
    if (t === x) return this.merge(this.left[x]!, this.right[x]!);
    if (this.before(x, t)) this.left[t] = this.remove(this.left[t]!, x);
    else this.right[t] = this.remove(this.right[t]!, x);
    this.pull(t);
    return t;
  }

  private merge(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    if (this.priority[a]! > this.priority[b]!) {
      this.right[a] = this.merge(this.right[a]!, b);
      this.pull(a);
      return a;
    }
    this.left[b] = this.merge(a, this.left[b]!);
    this.pull(b);
    return b;
  }

  private pull(x: number): void {
    const stride = this.r;
    const own = this.own;
    const sub = this.sub;
    const base = x * stride;
    const l = this.left[x]!;
    const r = this.right[x]!;
    for (let i = 0; i < stride; i++) {
      let v = own[base + i]!;
      if (l >= 0) {
        const u = sub[l * stride + i]!;
        if (u > v) v = u;
      }
      if (r >= 0) {
        const u = sub[r * stride + i]!;
        if (u > v) v = u;
      }
      sub[base + i] = v;
    }
  }
}

function alwaysTrue(): boolean {
  return true;
}

/** A fixed 32-bit mix of a host id (murmur3's finaliser): treap priorities without a random source. */
function mix(id: number): number {
  let h = Math.imul(id ^ (id >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
