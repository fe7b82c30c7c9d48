// The valid parts of an input that has problems, so that the rules relating one part to another can
// be applied in the same pass as the checks of each part (see parseScenario).

/** A path of keys and indexes into an input. */
export type Path = readonly PropertyKey[];

/** The input parsed without its invalid parts, and how to say where a part of it came from. */
export interface ValidParts<T, I extends { readonly path: Path }> {
  readonly value: T;
  /** The issues that parse still found (checks that failed, not values of the wrong shape), paths in the input's indexes. */
  readonly issues: readonly I[];
  /** The paths left out of the input, in the input's own indexes. */
  readonly removed: readonly Path[];
  /** A path into `value` as a path into the input: an index in a list that lost entries is mapped back. */
  toInput(path: Path): PropertyKey[];
}

/** What `parse` says of an input: the value as far as it parsed, its issues, and the paths of those that stopped it. */
export interface PartialParse<T, I> {
  readonly value: T;
  readonly issues: readonly I[];
  readonly aborted: readonly Path[];
}

/** Rounds of removal before giving up: each round removes at least one part; a real input needs two or three. */
const MAX_ROUNDS = 32;

/**
 * Leaves out of `input` the place of each path in `aborted`, then parses what is left with `parse`,
 * again and again until nothing stops the parse: a bad value is removed where it is (a bad `cpu`
 * leaves its host), and its parent only when the value is required or the parent itself is at fault
 * (a service without valid `replicas` is left out whole). Undefined when nothing valid is left (the
 * input's root is at fault).
 */
export function withoutInvalidParts<T, I extends { readonly path: Path }>(
  input: unknown,
  aborted: readonly Path[],
  parse: (value: unknown) => PartialParse<T, I>,
): ValidParts<T, I> | undefined {
  const removed: PropertyKey[][] = [];
  let pending = aborted;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    for (const path of pending) {
      const target = [...path];
      while (target.length > 0 && (isUnder(target, removed) || !exists(input, target))) target.pop();
      if (target.length === 0) return undefined;
      removed.push(target);
    }
    const pruned = prune(input, removed);
    const result = parse(pruned.value);
    if (result.aborted.length === 0) {
      const issues = result.issues.map((issue) => ({ ...issue, path: pruned.toInput(issue.path) }));
      return { value: result.value, issues, removed, toInput: pruned.toInput };
    }
    pending = result.aborted.map((path) => pruned.toInput(path));
  }
  return undefined;
}

/** True when `path` is one of `paths` or inside one. */
export function isUnder(path: Path, paths: readonly Path[]): boolean {
  return paths.some((p) => p.length <= path.length && p.every((key, i) => String(key) === String(path[i])));
}

function exists(input: unknown, path: Path): boolean {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

interface Trie {
  removed: boolean;
  readonly children: Map<string, Trie>;
}

/** A copy of `input` without the `removed` paths, sharing every part that lost nothing. */
function prune(input: unknown, removed: readonly Path[]): { value: unknown; toInput(path: Path): PropertyKey[] } {
  const root: Trie = { removed: false, children: new Map() };
  for (const path of removed) {
    let node = root;
    for (const key of path) {
      let child = node.children.get(String(key));
      if (child === undefined) {
        child = { removed: false, children: new Map() };
        node.children.set(String(key), child);
      }
      node = child;
    }
    node.removed = true;
  }
  // For each list that lost entries (by its path in the input), the input index of each index kept.
  const kept = new Map<string, number[]>();
  const copy = (value: unknown, trie: Trie, at: PropertyKey[]): unknown => {
    if (trie.children.size === 0 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      const indexes: number[] = [];
      value.forEach((item, i) => {
        const child = trie.children.get(String(i));
        if (child?.removed) return;
        indexes.push(i);
        out.push(child === undefined ? item : copy(item, child, [...at, i]));
      });
      kept.set(JSON.stringify(at), indexes);
      return out;
    }
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, child] of trie.children) {
      if (!Object.hasOwn(out, key)) continue;
      if (child.removed) delete out[key];
      else out[key] = copy(out[key], child, [...at, key]);
    }
    return out;
  };
  return {
    value: copy(input, root, []),
    toInput(path) {
      const out: PropertyKey[] = [];
      for (const key of path) {
        const indexes = typeof key === 'number' ? kept.get(JSON.stringify(out)) : undefined;
        out.push(indexes === undefined ? key : (indexes[key as number] ?? key));
      }
      return out;
    },
  };
}
