// Nesting depth, measured without recursion: a document nested thousands deep must end in a clear
// error, not in a stack overflow of the parser, of zod, or of whatever walks the data next.
import { type CST, Parser } from 'yaml';

/**
 * The path of the first place in plain data (objects and arrays) nested deeper than `limit`, the
 * top-level value being at depth 0; undefined when none is. Walks with its own stack, so the depth of
 * the input cannot overflow the call stack, and stops at the first place too deep.
 */
export function findTooDeep(value: unknown, limit: number): PropertyKey[] | undefined {
  interface Frame {
    readonly value: unknown;
    readonly depth: number;
    readonly parent: Frame | null;
    readonly key: PropertyKey;
  }
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: '' }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    if (frame.depth >= limit) return pathOf(frame);
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], depth: frame.depth + 1, parent: frame, key: i });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({ value: (v as Record<string, unknown>)[key], depth: frame.depth + 1, parent: frame, key });
      }
    }
  }
  return undefined;

  function pathOf(frame: Frame): PropertyKey[] {
    const path: PropertyKey[] = [];
    for (let f: Frame | null = frame; f !== null && f.parent !== null; f = f.parent) path.push(f.key);
    return path.reverse();
  }
}

/**
 * The source offset of the first YAML collection (block or flow, JSON included) nested deeper than
 * `limit`, undefined when none is. Reads the concrete syntax tree, which the parser builds with its
 * own stack, before anything recursive (the composer, `toJS`, pretty error frames) sees the text.
 */
export function findTooDeepYaml(text: string, limit: number): number | undefined {
  const stack: Array<{ token: CST.Token | null | undefined; depth: number }> = [];
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token === null || token === undefined) continue;
    switch (token.type) {
      case 'document':
        stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (depth >= limit) return token.offset;
        for (const item of token.items) {
          const it = item as { key?: CST.Token | null; value?: CST.Token };
          stack.push({ token: it.key, depth: depth + 1 }, { token: it.value, depth: depth + 1 });
        }
        break;
      default:
    }
  }
  return undefined;
}
