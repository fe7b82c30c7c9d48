import { dirname, resolve } from 'node:path';
import { exampleText } from './exampleText.js';

/** A problem with one fenced block of a Markdown file. */
export interface CodeBlockIssue {
  /** 1-based line of the opening fence (or of the marker, for a marker with no block). */
  readonly line: number;
  readonly message: string;
}

/** Reads a file by absolute path, or returns undefined when it does not exist. */
export type ReadText = (path: string) => string | undefined;

/** Fence languages whose blocks must come from a tested example. */
const CODE_LANGUAGES = new Set(['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mjs', 'cjs']);
const MARKER = /^<!--\s*(example|output):\s*(\S+?)\s*-->$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/;

interface Block {
  readonly line: number;
  readonly language: string;
  readonly content: string;
  readonly marker: { readonly kind: string; readonly target: string; readonly line: number } | undefined;
}

/**
 * Checks that every TypeScript or JavaScript block in a Markdown file is a verbatim copy of a runnable
 * example, so the published code is the tested code. A block is tied to its source by a marker on the
 * line just before its fence:
 *
 * - `<!-- example: ../examples/bank-teller.ts -->` — the whole file, without region marker lines;
 * - `<!-- example: ../examples/bank-teller.ts#arrivals -->` — the lines between `// #region arrivals`
 *   and its `// #endregion`, with their common indentation removed;
 * - `<!-- output: ../examples/bank-teller.expected.txt -->` — an example's saved output, or with
 *   `#3-5` (or `#3`) only those lines of it, counted from 1.
 *
 * Paths are relative to the Markdown file. Every fence must name a language, so code cannot hide in an
 * untagged block. Returns one issue per problem; an empty list means the file is consistent.
 */
export function checkCodeBlocks(markdown: string, markdownFile: string, read: ReadText): CodeBlockIssue[] {
  const issues: CodeBlockIssue[] = [];
  const { blocks, strayMarkers, unclosed } = parseBlocks(markdown);
  for (const line of strayMarkers) {
    issues.push({ line, message: 'this example marker is not directly followed by a fenced code block' });
  }
  if (unclosed !== undefined) issues.push({ line: unclosed, message: 'this code fence is never closed' });
  for (const block of blocks) {
    const issue = checkBlock(block, markdownFile, read);
    if (issue !== undefined) issues.push({ line: block.line, message: issue });
  }
  return issues;
}

function checkBlock(block: Block, markdownFile: string, read: ReadText): string | undefined {
  const { marker, language } = block;
  const isCode = CODE_LANGUAGES.has(language.toLowerCase());
  if (language === '') return 'give this code block a language (ts, sh, text, ...)';
  if (marker === undefined) {
    if (!isCode) return undefined;
    return `this ${language} block is not tied to a tested example; put its code in docs/examples/ and add a line '<!-- example: ../examples/<name>.ts -->' just before the fence`;
  }
  if (marker.kind === 'example' && !isCode) {
    return `an 'example:' marker must precede a ts block, not a '${language}' block`;
  }
  const [path = '', region] = marker.target.split('#', 2);
  const file = resolve(dirname(markdownFile), path);
  const source = read(file);
  if (source === undefined) return `${marker.kind} marker names ${marker.target}, but ${path} does not exist`;
  let expected: string;
  if (marker.kind === 'output') {
    if (region === undefined) expected = source;
    else {
      const lines = outputLines(source, region);
      if (lines === undefined) return `${marker.target}: '#${region}' is not a line range of the file, e.g. #3-5`;
      expected = lines;
    }
  } else {
    try {
      expected = exampleText(source, region);
    } catch (error) {
      return `${marker.target}: ${(error as Error).message}`;
    }
  }
  if (block.content === expected) return undefined;
  return `this block differs from ${marker.target}; copy it again from the file. ${firstDifference(expected, block.content)}`;
}

/** Lines `from` to `to` (1-based, inclusive) of an output, each ending in a newline. */
function outputLines(source: string, range: string): string | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(range);
  if (match === null) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  const lines = source.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (from < 1 || to < from || to > lines.length) return undefined;
  return `${lines.slice(from - 1, to).join('\n')}\n`;
}

function firstDifference(expected: string, actual: string): string {
  const want = expected.split('\n');
  const got = actual.split('\n');
  for (let i = 0; i < Math.max(want.length, got.length); i += 1) {
    if (want[i] !== got[i]) {
      const show = (line: string | undefined) => (line === undefined ? '(nothing)' : JSON.stringify(line));
      return `First difference at line ${i + 1} of the block: the file has ${show(want[i])}, the block has ${show(got[i])}.`;
    }
  }
  return '';
}

function parseBlocks(markdown: string): { blocks: Block[]; strayMarkers: number[]; unclosed: number | undefined } {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  const strayMarkers: number[] = [];
  let pending: Block['marker'];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence === null) {
      if (pending !== undefined) strayMarkers.push(pending.line);
      const marker = MARKER.exec(line.trim());
      pending = marker === null ? undefined : { kind: marker[1]!, target: marker[2]!, line: i + 1 };
      continue;
    }
    const indent = fence[1]!.length;
    const fenceChars = fence[2]!;
    const content: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j += 1) {
      const inner = lines[j]!;
      const trimmed = inner.trimStart();
      if (trimmed.startsWith(fenceChars) && trimmed.slice(fenceChars.length).trim() === '') break;
      content.push(inner.slice(Math.min(indent, inner.length - trimmed.length)));
    }
    if (j === lines.length) return { blocks, strayMarkers, unclosed: i + 1 };
    blocks.push({
      line: i + 1,
      language: fence[3]!,
      content: content.length === 0 ? '' : `${content.join('\n')}\n`,
      marker: pending,
    });
    pending = undefined;
    i = j;
  }
  if (pending !== undefined) strayMarkers.push(pending.line);
  return { blocks, strayMarkers, unclosed: undefined };
}
