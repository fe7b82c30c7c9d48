const REGION_START = /^\s*\/\/ #region (\S+)\s*$/;
const REGION_END = /^\s*\/\/ #endregion\b/;

/**
 * The text a document shows of an example: the whole file, or one region of it, without the
 * `// #region name` and `// #endregion` marker lines. A region's common indentation is removed so that
 * a region inside a function reads naturally on its own. Throws when the region does not exist or its
 * markers are unbalanced.
 */
export function exampleText(source: string, region?: string): string {
  const lines = source.split('\n');
  const isMarker = (line: string) => REGION_START.test(line) || REGION_END.test(line);
  if (region === undefined) return lines.filter((line) => !isMarker(line)).join('\n');
  const start = lines.findIndex((line) => REGION_START.exec(line)?.[1] === region);
  if (start < 0) throw new Error(`no line '// #region ${region}' in the example`);
  let depth = 1;
  const inside: string[] = [];
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (REGION_START.test(line)) depth += 1;
    else if (REGION_END.test(line)) depth -= 1;
    else inside.push(line);
    if (depth === 0) return `${dedent(inside).join('\n')}\n`;
  }
  throw new Error(`region '${region}' has no matching '// #endregion'`);
}

function dedent(lines: readonly string[]): string[] {
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (indent === Number.POSITIVE_INFINITY || indent === 0) return [...lines];
  return lines.map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)));
}
