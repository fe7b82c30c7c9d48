// Golden files: outputs recorded once from a known commit that later code must reproduce byte for byte.
// Test-only code, kept beside the kernel because every package and the benchmarks may depend on the
// kernel: the command's golden test and the benchmarks' golden test both import it without going against
// the dependency direction. It needs nothing but Node.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { firstDifference } from './firstDifference.js';

/** One recorded case: the golden files it owns and how to produce their text now. */
export interface GoldenCase {
  /** A test name, e.g. `first-cluster.yaml, seed 1`. */
  readonly name: string;
  /** Paths of its golden files, relative to the directory; a name ending in `.gz` is stored gzipped. */
  readonly files: readonly string[];
  /** Runs the case; resolves to the text of each of `files`, in the same order. */
  record(): readonly string[] | Promise<readonly string[]>;
}

/** What {@link GoldenDirectory.update} did to one file. */
export type GoldenWrite = 'created' | 'updated' | 'unchanged' | 'removed';

/** Characters of a long line shown on each side of its first difference. */
const CONTEXT = 80;

/**
 * A directory of golden files and the command that rewrites them. Texts are compared whole, as strings
 * (after gunzip for `.gz` files, so that no compressor detail matters); a mismatch is described by its
 * first differing line, clipped around the first differing column.
 */
export class GoldenDirectory {
  /** `updateCommand` is quoted in every mismatch message, e.g. `pnpm run golden:update`. */
  constructor(
    readonly path: string,
    readonly updateCommand: string,
  ) {}

  /** The text of a golden file, or undefined when it does not exist. */
  read(file: string): string | undefined {
    const path = join(this.path, file);
    if (!existsSync(path)) return undefined;
    const bytes = readFileSync(path);
    return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  }

  /** Writes `text` to a golden file unless it holds that text already; creates directories as needed. */
  write(file: string, text: string): Exclude<GoldenWrite, 'removed'> {
    const before = this.read(file);
    if (before === text) return 'unchanged';
    const path = join(this.path, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
    return before === undefined ? 'created' : 'updated';
  }

  /** Undefined when `text` is exactly the golden file's text; otherwise a message naming the first differing line. */
  mismatch(file: string, text: string): string | undefined {
    const golden = this.read(file);
    if (golden === undefined) return `${this.shown(file)}: no golden file. Record it with \`${this.updateCommand}\`.`;
    const difference = firstDifference(golden, text);
    if (difference === undefined) return undefined;
    const { line, column } = difference;
    return [
      `${this.shown(file)}: this run differs from the golden file at line ${line}, column ${column}:`,
      `  golden:   ${clip(difference.expected, column)}`,
      `  this run: ${clip(difference.actual, column)}`,
      `If, and only if, the change of behaviour is intended and reviewed, run \`${this.updateCommand}\` and commit the goldens on their own, saying so.`,
    ].join('\n');
  }

  /** Files in the directory (recursively, with `/` separators) that no case in `cases` owns. */
  strays(cases: readonly GoldenCase[]): string[] {
    if (!existsSync(this.path)) return [];
    const owned = new Set(cases.flatMap((c) => c.files));
    return readdirSync(this.path, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(this.path, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((file) => !owned.has(file))
      .sort();
  }

  /** Runs a case and compares each of its texts with its golden file: the mismatch messages, none when all agree. */
  async check(goldenCase: GoldenCase): Promise<string[]> {
    const texts = await recordCase(goldenCase);
    return goldenCase.files.flatMap((file, i) => this.mismatch(file, texts[i]!) ?? []);
  }

  /**
   * Records every case, rewrites the files whose text changed and removes strays, printing one line per
   * file it changed and a closing count through `print`.
   */
  async update(cases: readonly GoldenCase[], print: (line: string) => void): Promise<Record<GoldenWrite, number>> {
    const counts: Record<GoldenWrite, number> = { created: 0, updated: 0, unchanged: 0, removed: 0 };
    const note = (file: string, what: GoldenWrite): void => {
      counts[what] += 1;
      if (what !== 'unchanged') print(`${what}: ${this.shown(file)}`);
    };
    for (const goldenCase of cases) {
      const texts = await recordCase(goldenCase);
      for (const [i, file] of goldenCase.files.entries()) note(file, this.write(file, texts[i]!));
    }
    for (const file of this.strays(cases)) {
      rmSync(join(this.path, file));
      note(file, 'removed');
    }
    print(
      `${cases.length} cases in ${this.shown('.')}: ` +
        `${counts.created} files created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.removed} removed.`,
    );
    return counts;
  }

  /** A golden file's path as printed: relative to the working directory (the repository root in tests). */
  private shown(file: string): string {
    return relative(process.cwd(), join(this.path, file)).split(sep).join('/');
  }
}

async function recordCase(goldenCase: GoldenCase): Promise<readonly string[]> {
  const texts = await goldenCase.record();
  if (texts.length !== goldenCase.files.length) {
    throw new Error(`${goldenCase.name}: recorded ${texts.length} texts for ${goldenCase.files.length} files`);
  }
  return texts;
}

/** A line as a JSON string (so that spaces, tabs and newlines show), cut to the part around `column`. */
function clip(line: string | undefined, column: number): string {
  if (line === undefined) return '(past the end of the text)';
  const from = Math.max(0, column - 1 - CONTEXT);
  const to = Math.min(line.length, column - 1 + CONTEXT);
  const shown = JSON.stringify(line.slice(from, to));
  return `${from > 0 ? '…' : ''}${shown}${to < line.length ? '…' : ''}`;
}
