// Golden runs of every scenario in docs/scenarios, through the command itself, as a user types it:
// `berth run <file> --seed <n> --json` (its stdout) and `berth run <file> --seed <n> --events <file>`
// (the NDJSON event stream it writes). They pin today's behaviour byte for byte, so that a refactoring
// of the cluster package can prove it changed nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GoldenCase, GoldenDirectory } from '../../kernel/test/GoldenDirectory.js';
import { type MainResult, runMain } from './runMain.js';

/** The seeds every docs scenario is recorded with (`--seed`). */
export const DOCS_GOLDEN_SEEDS = [1, 2, 3] as const;

/** packages/cli/test/golden: `<scenario>.seed-<n>.json` and `<scenario>.seed-<n>.events.ndjson`, plain text. */
export const DOCS_GOLDENS = new GoldenDirectory(
  fileURLToPath(new URL('./golden', import.meta.url)),
  'pnpm run golden:update',
);

const SCENARIOS = fileURLToPath(new URL('../../../docs/scenarios', import.meta.url));

/** One case per docs scenario and seed, in file-name order. */
export function docsScenarioCases(): GoldenCase[] {
  const scenarios = readdirSync(SCENARIOS)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  return scenarios.flatMap((file) =>
    DOCS_GOLDEN_SEEDS.map((seed) => {
      const stem = `${file.slice(0, -'.yaml'.length)}.seed-${seed}`;
      return {
        name: `${file}, seed ${seed}`,
        files: [`${stem}.json`, `${stem}.events.ndjson`],
        record: () => recordScenario(file, seed),
      };
    }),
  );
}

async function recordScenario(file: string, seed: number): Promise<string[]> {
  const json = await runMain(['run', file, '--seed', String(seed), '--json'], SCENARIOS);
  succeeded(json, `berth run ${file} --seed ${seed} --json`);
  const dir = mkdtempSync(join(tmpdir(), 'berth-golden-'));
  try {
    const events = join(dir, 'events.ndjson');
    succeeded(
      await runMain(['run', file, '--seed', String(seed), '--events', events], SCENARIOS),
      `berth run ${file} --seed ${seed} --events`,
    );
    return [json.stdout, readFileSync(events, 'utf8')];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function succeeded(result: MainResult, command: string): void {
  if (result.code !== 0) throw new Error(`${command} exited with code ${result.code}:\n${result.stderr}`);
}
