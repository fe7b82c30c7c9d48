import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gpuExperimentScenario } from '@berth/workloads';
import { median } from '../kernel/interleave.js';
import { cpuModel, positiveInteger } from '../machine.js';
import { loadOpenb } from './openbExperiment.js';

// The FGD paper's experiment through the `berth` command, timed as a user runs it (issue 13's speed
// targets): one run (gpu-fgd, seed 42, the default list on the 1,213 GPU nodes) with `berth run`, and
// the six policies × seeds 42-51 with `berth compare --workers 2`. Each is a fresh `node` process, so
// start-up, module loading, parsing the 10,841-pod scenario and the report all count. Wall time is
// measured here, from spawn to exit; CPU time (user + system, every thread, workers included) by the
// child itself at exit. The yardstick is a bare `node` start timed the same way, interleaved with the
// runs so that machine noise hits both alike.
const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string' },
    compares: { type: 'string' },
    source: { type: 'boolean', default: false },
  },
  strict: true,
});
const runs = positiveInteger('runs', args.runs, args.smoke ? 1 : 5);
const compares = positiveInteger('compares', args.compares, 1);

const root = fileURLToPath(new URL('../../', import.meta.url));
// The built command (`pnpm run build`), as installed from the registry; --source runs the workspace's
// TypeScript through tsx instead (bin/berth.js), which adds compiling the sources to every start.
const bin = args.source ? join(root, 'packages/cli/bin/berth.js') : join(root, 'packages/cli/dist/bin.js');
if (!existsSync(bin)) {
  console.error(`${bin} is missing: run \`pnpm run build\` at the repository root first (or pass --source).`);
  process.exit(1);
}

const input = await loadOpenb();
if (input === null) {
  console.log('## GPU experiment through the CLI\n\nSkipped: ../shared/data/alibaba-gpu-v2023 is absent.');
  process.exit(0);
}
// The smoke size: the first 150 GPU nodes and 1,000 pods (lesson 13's slice), two seeds.
const nodes = args.smoke ? input.nodes.slice(0, 150) : input.nodes;
const pods = args.smoke ? input.pods.slice(0, 1000) : input.pods;
const seeds = args.smoke ? '42-43' : '42-51';
const strategies = 'gpu-fgd,gpu-best-fit,gpu-packing,gpu-clustering,gpu-dot-product,gpu-random';

const dir = mkdtempSync(join(tmpdir(), 'berth-gpu-cli-'));
const scenario = join(dir, 'openb.json');
writeFileSync(scenario, JSON.stringify(gpuExperimentScenario(nodes, pods, { name: 'openb' })));
// Loaded with --import into each child: writes the process's CPU time when it exits.
const reporter = join(dir, 'cpuAtExit.mjs');
writeFileSync(
  reporter,
  "import { writeFileSync } from 'node:fs';\n" +
    "process.on('exit', () => { const u = process.cpuUsage(); writeFileSync(process.env.BERTH_CPU_OUT, String((u.user + u.system) / 1e6)); });\n",
);

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** Runs `node <argv>` in `dir` with the CPU reporter; its wall and CPU seconds. Throws if it fails. */
function time(argv: readonly string[]): Promise<Timing> {
  const out = join(dir, 'cpu.txt');
  rmSync(out, { force: true });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(reporter).href, ...argv], {
      cwd: dir,
      env: { ...process.env, BERTH_CPU_OUT: out },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`node ${argv.join(' ')} exited with ${code}`));
      else resolve({ wall, cpu: Number(readFileSync(out, 'utf8')) });
    });
  });
}

const bare = ['-e', '0'];
const run = [bin, 'run', 'openb.json', '--strategy', 'gpu-fgd', '--seed', '42'];
const compare = [bin, 'compare', 'openb.json', '--seeds', seeds, '--workers', '2', '--strategies', strategies];

const loadBefore = loadavg()[0]!;
const baseline: Timing[] = [];
const single: Timing[] = [];
try {
  // A warm-up of each, unmeasured: the first start reads the files from disk.
  await time(bare);
  await time(run);
  for (let i = 0; i < runs; i++) {
    baseline.push(await time(bare));
    single.push(await time(run));
  }
  const all: Timing[] = [];
  for (let i = 0; i < compares; i++) all.push(await time(compare));
  const loadAfter = loadavg()[0]!;

  const f = (x: number) => x.toFixed(2);
  const row = (label: string, t: readonly Timing[], floor: Timing) => {
    const wall = median(t.map((x) => x.wall));
    const cpu = median(t.map((x) => x.cpu));
    const range = (xs: number[]) => `${f(Math.min(...xs))}-${f(Math.max(...xs))}`;
    const ratio = ` | ${(wall / floor.wall).toFixed(1)}x | ${(cpu / floor.cpu).toFixed(1)}x`;
    return `| ${label} | ${t.length} | ${f(wall)} (${range(t.map((x) => x.wall))}) | ${f(cpu)} (${range(t.map((x) => x.cpu))})${ratio} |`;
  };
  const floor = { wall: median(baseline.map((x) => x.wall)), cpu: median(baseline.map((x) => x.cpu)) };
  console.log(`## GPU experiment through the CLI${args.smoke ? ' (smoke: 150 nodes, 1,000 pods, 2 seeds)' : ''}\n`);
  console.log(
    `Machine: ${cpus().length} CPUs (${cpuModel()}), Node ${process.version}; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`,
  );
  console.log(
    `Command: ${args.source ? 'packages/cli/bin/berth.js (sources through tsx)' : 'packages/cli/dist/bin.js (built)'}; ` +
      `scenario: gpuExperimentScenario on ${nodes.length} GPU nodes and ${pods.length} pods. Seconds, median (min-max); ` +
      'CPU = user + system of the whole process, every thread.\n',
  );
  console.log('| what | times | wall s | CPU s | wall / bare node | CPU / bare node |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(row('bare `node -e 0` (yardstick)', baseline, floor));
  console.log(row('`berth run openb.json --strategy gpu-fgd --seed 42`', single, floor));
  console.log(row(`\`berth compare openb.json --seeds ${seeds} --workers 2\` (6 strategies)`, all, floor));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
