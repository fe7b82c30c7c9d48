import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/**
 * Files an example reads that are not part of the repository and are missing: each `// requires:
 * <path>` line of the example names one, relative to the repository root (a real trace kept beside it,
 * e.g. `../shared/data/alibaba-gpu-v2023/openb_pod_list_default.csv`). An example whose inputs are
 * missing cannot print its saved output, so the docs test skips it.
 */
export function missingExampleInputs(example: Example, root: string): string[] {
  const required = [...readFileSync(example.file, 'utf8').matchAll(/^\/\/ requires: (\S+)$/gm)].map((m) => m[1]!);
  return required.filter((path) => !existsSync(resolve(root, path)));
}
