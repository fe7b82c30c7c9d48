import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One runnable documentation example and the file holding its saved output. */
export interface Example {
  /** File name without `.ts`, e.g. `bank-teller`. */
  readonly name: string;
  /** Absolute path of the example. */
  readonly file: string;
  /** Absolute path of its saved output, `<name>.expected.txt` beside it (it may not exist yet). */
  readonly expectedFile: string;
}

/** Every `*.ts` file directly in `dir` except tests, sorted by name so runs and reports are stable. */
export function listExamples(dir: string): Example[] {
  return readdirSync(dir)
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts'))
    .sort()
    .map((entry) => {
      const name = entry.slice(0, -'.ts'.length);
      return { name, file: join(dir, entry), expectedFile: join(dir, `${name}.expected.txt`) };
    });
}

/** Saved outputs in `dir` whose example no longer exists: left behind by a rename or a deletion. */
export function orphanedOutputs(dir: string): string[] {
  const names = new Set(listExamples(dir).map((example) => example.name));
  return readdirSync(dir)
    .filter((entry) => entry.endsWith('.expected.txt'))
    .filter((entry) => !names.has(entry.slice(0, -'.expected.txt'.length)))
    .sort();
}
