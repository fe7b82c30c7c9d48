// Packs every published package and uses the tarballs as a stranger would: installs them with plain npm into a
// fresh project in the OS temp directory, imports each with plain Node (no tsx, no custom conditions),
// type-checks and runs programs written against them with tsc (NodeNext), and runs the installed `berth`.
// Usage: pnpm run pack:check [--keep] [--list]
//   --keep  leave the temporary directory (tarballs, unpacked packages, the consumer project) in place
//   --list  print every file of every tarball, not only a summary of dist/
// Exits 1 when any check fails; CI runs it (.ci/run).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { checkPackageContents } from './checkPackageContents.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const keep = process.argv.includes('--keep');
const listAll = process.argv.includes('--list');
/** A scenario the installed `berth` runs, and the commands it runs it with (as the cli README shows them). */
const SCENARIO = join(root, 'docs/scenarios/first-cluster.yaml');
const SCENARIO_FILE = basename(SCENARIO);
const BERTH_COMMANDS: readonly (readonly string[])[] = [
  ['--version'],
  ['validate', SCENARIO_FILE],
  ['run', SCENARIO_FILE],
  ['run', SCENARIO_FILE, '--json'],
  ['explain', SCENARIO_FILE, '--container', 'web-0'],
  ['compare', SCENARIO_FILE, '--strategies', 'kubernetes,best-fit', '--seeds', '1-2', '--workers', '2', '--json'],
];
/** The one line of `berth run` that depends on the wall clock. */
const WALL_CLOCK_LINE = /wall time/;
const isRunSummary = (args: readonly string[]) => args[0] === 'run' && !args.includes('--json');
const CONSUMER_PROGRAM = join(root, 'docs/tools/packConsumer.ts');

interface WorkspacePackage {
  readonly dir: string;
  readonly manifest: Record<string, unknown>;
  readonly name: string;
  readonly version: string;
}

interface Packed extends WorkspacePackage {
  readonly tarball: string;
  /** The unpacked package root. */
  readonly unpacked: string;
  readonly files: ReadonlyMap<string, string>;
  readonly packedManifest: Record<string, unknown>;
}

const failures: string[] = [];
const fail = (message: string) => {
  failures.push(message);
  console.log(`  ✖ ${message}`);
};

/** The environment for plain npm and node: none of the variables pnpm sets for the scripts it runs. */
const plainEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)),
);

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: plainEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function describeFailure(result: SpawnSyncReturns<string>): string {
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  const status = result.error === undefined ? `exit code ${result.status}` : result.error.message;
  return `${status}${output === '' ? '' : `\n${output.replace(/^/gm, '      ')}`}`;
}

function step(title: string): () => void {
  console.log(`\n== ${title}`);
  const started = process.hrtime.bigint();
  return () => console.log(`   (${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(join(dir, entry.name), path) : [path];
  });
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function publishedPackages(): WorkspacePackage[] {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => statSync(join(path, 'package.json'), { throwIfNoEntry: false })?.isFile() === true)
    .map((path) => {
      const manifest = readJson(join(path, 'package.json'));
      return { dir: path, manifest, name: String(manifest.name), version: String(manifest.version) };
    })
    .filter((pkg) => pkg.manifest.private !== true);
}

function pack(pkg: WorkspacePackage, destination: string, unpackTo: string): Packed | undefined {
  const before = new Set(readdirSync(destination));
  const result = run('pnpm', ['pack', '--pack-destination', destination], pkg.dir);
  const made = readdirSync(destination).filter((file) => !before.has(file) && file.endsWith('.tgz'));
  if (result.status !== 0 || made.length !== 1) {
    fail(`pnpm pack in ${relative(root, pkg.dir)} failed: ${describeFailure(result)}`);
    return undefined;
  }
  const tarball = join(destination, made[0]!);
  const into = join(unpackTo, basename(pkg.dir));
  mkdirSync(into, { recursive: true });
  const untar = run('tar', ['-xzf', tarball, '-C', into], root);
  if (untar.status !== 0) {
    fail(`could not unpack ${basename(tarball)}: ${describeFailure(untar)}`);
    return undefined;
  }
  const unpacked = join(into, 'package');
  const files = new Map(listFiles(unpacked).map((path) => [path, readFileSync(join(unpacked, path), 'utf8')]));
  return { ...pkg, tarball, unpacked, files, packedManifest: readJson(join(unpacked, 'package.json')) };
}

function printContents(pkg: Packed): void {
  const sizes = [...pkg.files.keys()].sort().map((path) => ({ path, bytes: statSync(join(pkg.unpacked, path)).size }));
  const total = sizes.reduce((sum, file) => sum + file.bytes, 0);
  console.log(
    `${basename(pkg.tarball)}: ${kb(statSync(pkg.tarball).size)} packed, ${kb(total)} unpacked, ${sizes.length} files`,
  );
  const kinds = new Map<string, { count: number; bytes: number }>();
  for (const { path, bytes } of sizes) {
    const kind = /(\.d\.ts|\.js\.map|\.d\.ts\.map|\.js)$/.exec(path)?.[1];
    if (listAll || !path.startsWith('dist/') || kind === undefined) {
      console.log(`  ${path.padEnd(44)} ${kb(bytes).padStart(11)}`);
      continue;
    }
    const sum = kinds.get(kind) ?? { count: 0, bytes: 0 };
    kinds.set(kind, { count: sum.count + 1, bytes: sum.bytes + bytes });
  }
  for (const [kind, { count, bytes }] of [...kinds].sort()) {
    console.log(`  ${`dist/**/*${kind} (${count} files)`.padEnd(44)} ${kb(bytes).padStart(11)}`);
  }
}

/** Files of tested docs examples that the package READMEs show, by their `<!-- example: ... -->` markers. */
function readmeExamples(packages: readonly WorkspacePackage[]): string[] {
  const files = new Set<string>();
  for (const pkg of packages) {
    const readme = join(pkg.dir, 'README.md');
    const text = statSync(readme, { throwIfNoEntry: false }) === undefined ? '' : readFileSync(readme, 'utf8');
    for (const match of text.matchAll(/<!--\s*example:\s*(\S+?)\s*-->/g)) {
      files.add(resolve(dirname(readme), match[1]!.split('#', 1)[0]!));
    }
  }
  return [...files].sort();
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** Compares what the installed packages printed with what the workspace's sources printed. */
function sameOutput(what: string, installed: string, workspace: string, ignore?: RegExp): boolean {
  const got = lines(installed);
  const want = lines(workspace);
  const differs = want.findIndex((line, i) => line !== got[i] && !(ignore?.test(line) && ignore.test(got[i] ?? '')));
  if (got.length === want.length && differs < 0) return true;
  const at = differs < 0 ? Math.min(got.length, want.length) : differs;
  fail(
    `${what} printed something else installed than from the sources; first difference at line ${at + 1}:\n` +
      `      installed: ${JSON.stringify(got[at] ?? '(nothing)')}\n      sources:   ${JSON.stringify(want[at] ?? '(nothing)')}`,
  );
  return false;
}

const packages = publishedPackages();
const work = mkdtempSync(join(tmpdir(), 'berth-pack-check-'));
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
mkdirSync(tarballs);
mkdirSync(join(consumer, 'src'), { recursive: true });
console.log(`Pack check of ${packages.map((pkg) => pkg.name).join(', ')} in ${work}`);
if (packages.length === 0) fail('no published package found under packages/');

let done = step('pnpm pack (each prepack builds its package)');
const packed = packages.flatMap((pkg) => pack(pkg, tarballs, join(work, 'unpacked')) ?? []);
done();

done = step('tarballs: names, contents and sizes');
for (const pkg of packed) printContents(pkg);
done();

done = step('contents: no tests or sources, maps resolve, manifest files exist, imports are dependencies');
for (const pkg of packed) {
  const issues = checkPackageContents({ manifest: pkg.packedManifest, files: pkg.files });
  for (const issue of issues) fail(`${basename(pkg.tarball)}: ${issue}`);
  if (issues.length === 0) console.log(`  ✔ ${basename(pkg.tarball)}`);
}
done();

const allPacked = packed.length === packages.length && packages.length > 0;
if (allPacked) {
  done = step('npm install of the tarballs into a fresh project (dependencies from the registry)');
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'berth-pack-consumer', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const devDependencies = readJson(join(root, 'package.json')).devDependencies as Record<string, string>;
  const tools = ['typescript', '@types/node'].map((name) => `${name}@${devDependencies[name]}`);
  const installArgs = [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...packed.map((pkg) => pkg.tarball),
    ...tools,
  ];
  let install = run('npm', installArgs, consumer);
  if (install.status !== 0) {
    // One retry: the registry is the only network this needs, and a dropped connection is not a packaging fault.
    console.log(`  npm install failed (${describeFailure(install)}); trying once more`);
    install = run('npm', installArgs, consumer);
  }
  if (install.status !== 0) fail(`npm install failed: ${describeFailure(install)}`);
  for (const pkg of packed) {
    const installed = join(consumer, 'node_modules', pkg.name, 'package.json');
    const manifest = statSync(installed, { throwIfNoEntry: false }) === undefined ? undefined : readJson(installed);
    if (!isDeepStrictEqual(manifest, pkg.packedManifest)) fail(`${pkg.name} in node_modules is not the packed one`);
    else console.log(`  ✔ ${pkg.name}@${pkg.version} from ${basename(pkg.tarball)}`);
  }
  done();
}

const installed = allPacked && failures.length === 0;
if (installed) {
  // ES modules only: require() of @berth/cli fails on Node 20 because vega-canvas, a dependency of its
  // charts, awaits at the top level; no require() check, and the READMEs promise ES modules only.
  done = step('plain Node: import() each package; the same exports as its sources');
  const names = JSON.stringify(packages.map((pkg) => pkg.name));
  const listing = `const names = {}; for (const n of ${names}) names[n] = Object.keys(await import(n)).sort(); console.log(JSON.stringify(names));`;
  const fromSources = run(
    'node',
    ['--conditions=@berth/source', '--import', 'tsx', '--input-type=module', '-e', listing],
    root,
  );
  const imported = run('node', ['--input-type=module', '-e', listing], consumer);
  if (fromSources.status !== 0) fail(`listing the exports of the sources failed: ${describeFailure(fromSources)}`);
  if (imported.status !== 0) fail(`import() of the installed packages failed: ${describeFailure(imported)}`);
  if (fromSources.status === 0 && imported.status === 0) {
    const want = JSON.parse(fromSources.stdout) as Record<string, string[]>;
    const got = JSON.parse(imported.stdout) as Record<string, string[]>;
    for (const pkg of packages) {
      const expected = want[pkg.name] ?? [];
      const actual = got[pkg.name] ?? [];
      const missing = expected.filter((name) => !actual.includes(name));
      const extra = actual.filter((name) => !expected.includes(name));
      if (expected.length === 0) fail(`${pkg.name} exports nothing from its sources`);
      else if (missing.length > 0 || extra.length > 0) {
        fail(`import('${pkg.name}'): missing ${missing.join(', ') || 'none'}; extra ${extra.join(', ') || 'none'}`);
      } else console.log(`  ✔ import('${pkg.name}'): the ${actual.length} exports of its sources`);
    }
  }
  done();

  done = step('tsc (module NodeNext, skipLibCheck off) on programs using the installed packages, then plain Node');
  const programs = [...readmeExamples(packages), CONSUMER_PROGRAM];
  for (const file of programs) copyFileSync(file, join(consumer, 'src', basename(file)));
  const base = readJson(join(root, 'tsconfig.base.json')).compilerOptions as Record<string, unknown>;
  const { customConditions: _, ...house } = base;
  const compilerOptions = {
    ...house,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    skipLibCheck: false,
    declaration: false,
    sourceMap: false,
    inlineSources: false,
    noEmit: false,
    rootDir: 'src',
    outDir: 'out',
  };
  writeFileSync(join(consumer, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  const tsc = run('node', [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);
  if (tsc.status !== 0) fail(`tsc found errors in programs using the installed packages: ${describeFailure(tsc)}`);
  else console.log(`  ✔ tsc: ${programs.map((file) => basename(file)).join(', ')}`);
  if (tsc.status === 0) {
    for (const file of programs) {
      const name = basename(file, '.ts');
      const result = run('node', [join('out', `${name}.js`)], consumer);
      if (result.status !== 0 || result.stderr !== '') {
        fail(`node out/${name}.js failed: ${describeFailure(result)}`);
        continue;
      }
      const saved = join(dirname(file), `${name}.expected.txt`);
      let expected: string;
      if (file === CONSUMER_PROGRAM) {
        const sources = run('node', ['--conditions=@berth/source', '--import', 'tsx', file], root);
        if (sources.status !== 0) {
          fail(`${name} failed from the sources: ${describeFailure(sources)}`);
          continue;
        }
        expected = sources.stdout;
      } else expected = readFileSync(saved, 'utf8');
      if (result.stdout === '') fail(`node out/${name}.js printed nothing`);
      else if (sameOutput(`node out/${name}.js`, result.stdout, expected)) {
        const what = file === CONSUMER_PROGRAM ? 'what the sources print' : basename(saved);
        console.log(`  ✔ node out/${name}.js prints ${what}`);
      }
    }
  }
  done();

  done = step(`the installed berth binary on ${relative(root, SCENARIO)}`);
  copyFileSync(SCENARIO, join(consumer, SCENARIO_FILE));
  const berth = join(consumer, 'node_modules/.bin/berth');
  const workspaceBerth = join(root, 'packages/cli/bin/berth.js');
  for (const args of BERTH_COMMANDS) {
    const shown = `berth ${args.join(' ')}`;
    const result = run(berth, args, consumer);
    const reference = run('node', [workspaceBerth, ...args], consumer);
    if (result.status !== 0) fail(`${shown} failed installed: ${describeFailure(result)}`);
    else if (reference.status !== 0) fail(`${shown} failed from the sources: ${describeFailure(reference)}`);
    else if (result.stdout.trim() === '') fail(`${shown} printed nothing`);
    else if (sameOutput(shown, result.stdout, reference.stdout, isRunSummary(args) ? WALL_CLOCK_LINE : undefined)) {
      console.log(`  ✔ ${shown} (${lines(result.stdout.trimEnd()).length} lines, as from the sources)`);
      if (isRunSummary(args)) console.log(result.stdout.trimEnd().replace(/^/gm, '      '));
    }
  }
  done();
}

console.log('');
if (failures.length > 0) {
  console.log(`pack check: ${failures.length} problem(s); the temporary files are in ${work}`);
  process.exit(1);
}
if (!keep) rmSync(work, { recursive: true, force: true });
console.log(
  `pack check: ${packed.length} packages packed, installed, imported, type-checked and run${keep ? ` (kept in ${work})` : ''}`,
);
