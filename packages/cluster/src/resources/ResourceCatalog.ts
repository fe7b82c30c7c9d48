/** Index of cpu in every resource vector. */
export const CPU = 0;
/** Index of memory in every resource vector. */
export const MEMORY = 1;
/** Index of gpu in every resource vector. */
export const GPU = 2;

/**
 * The resources a simulation knows, in a fixed order: cpu (millicores), memory (MiB), gpu (count),
 * then every extended resource named in the scenario, in order of first mention. Resource amounts are
 * kept in vectors indexed by this order, so the hot paths never look a name up.
 */
export class ResourceCatalog {
  readonly names: readonly string[];
  private readonly byName: ReadonlyMap<string, number>;

  constructor(extended: Iterable<string> = []) {
    const names = ['cpu', 'memory', 'gpu'];
    for (const name of extended) if (!names.includes(name)) names.push(name);
    this.names = names;
    this.byName = new Map(names.map((n, i) => [n, i]));
  }

  get size(): number {
    return this.names.length;
  }

  /** The position of a resource, or -1 if the simulation does not know it. */
  indexOf(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  /** A zero vector. */
  vector(): Float64Array {
    return new Float64Array(this.names.length);
  }

  /** A vector from a record of named amounts; unknown names throw. */
  fromRecord(record: Readonly<Record<string, number>>): Float64Array {
    const v = this.vector();
    for (const [name, amount] of Object.entries(record)) {
      const i = this.indexOf(name);
      if (i < 0) throw new Error(`Unknown resource '${name}'.`);
      v[i] = amount;
    }
    return v;
  }

  /** A record of the non-zero amounts of a vector, for snapshots and events. */
  toRecord(vector: ArrayLike<number>): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.names.length; i++) {
      const amount = vector[i] ?? 0;
      if (amount !== 0 || i <= MEMORY) out[this.names[i]!] = amount;
    }
    return out;
  }
}
