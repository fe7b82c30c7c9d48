/**
 * True when some object of a JSON text gives one key twice, which JSON.parse accepts in silence,
 * keeping the last. `text` must be valid JSON (JSON.parse read it). One pass, no recursion: a stack
 * holds the keys seen in each open object (null for an array).
 */
export function hasDuplicateJsonKey(text: string): boolean {
  const open: Array<Set<string> | null> = [];
  // In an object, a string is a key when it follows `{` or `,`.
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      while (text.charCodeAt(end) !== QUOTE) end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      const keys = open[open.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(i, end + 1);
        // Escapes written differently may spell one key: compare the decoded text.
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (keys.has(key)) return true;
        keys.add(key);
      }
      expectKey = false;
      i = end;
    } else if (c === OPEN_BRACE) {
      open.push(new Set());
      expectKey = true;
    } else if (c === OPEN_BRACKET) {
      open.push(null);
      expectKey = false;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      open.pop();
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = open[open.length - 1] != null;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
