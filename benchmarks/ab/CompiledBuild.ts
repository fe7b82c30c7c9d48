// Compiled copies of the repository's packages, kept in the OS temp directory and never inside the
// repository. Both sides of an A/B comparison are made the same way: the files are laid out in a fresh
// directory (a commit by `git archive`, the working tree by copying the files git would see), installed
// with `pnpm install --frozen-lockfile` (offline when the store has everything), and the kernel and the
// cluster package compiled by that copy's own tsc with their own tsconfig.build.json, as packing does
// (and, as packing does, their manifests lose the workspace's `@berth/source` condition). A
// copy is reused while its key is unchanged: a commit's full hash, or a digest of the working tree's
// build inputs. A build is assembled under a temporary name and renamed when complete, so an
// interrupted build is never reused and two runs building the same key do not meet.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The packages an A/B run loads from a build, in build order. */
export const BUILT_PACKAGES = ['kernel', 'cluster'] as const;

/** Where builds are kept: one directory per key. */
export const BUILD_CACHE = join(tmpdir(), 'berth-ab');

/** Written last into a complete build; a directory without it, or with another layout, is not used. */
const COMPLETE = 'berth-ab-build.json';

/** How a build is laid out; a build of another layout is made again. */
const LAYOUT = 2;

/** A copy of the repository's packages compiled to JavaScript, outside the repository. */
export interface CompiledBuild {
  /** What was built, for the report: `5488d9d (commit subject)` or `working tree at 8304cbd`. */
  readonly label: string;
  /** The cache key: `commit-<full hash>` or `tree-<digest of the build inputs>`. */
  readonly key: string;
  /** The copy's root: `packages/<name>/dist/index.js` under it is each package's entry. */
  readonly root: string;
  /** False when an earlier run's build was reused. */
  readonly fresh: boolean;
}

/** Where progress lines go (standard error in the tool). */
export type BuildLog = (line: string) => void;

/** The entry module of one built package, as a path. */
export function packageEntry(build: CompiledBuild, name: (typeof BUILT_PACKAGES)[number]): string {
  return join(build.root, 'packages', name, 'dist', 'index.js');
}

function git(repo: string, args: readonly string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }).trim();
}

/** The build of a commit (any ref git can resolve), made from `git archive`. */
export function commitBuild(repo: string, ref: string, log: BuildLog): CompiledBuild {
  // From the top: run in a subdirectory, git archive would take only that subdirectory.
  const top = git(repo, ['rev-parse', '--show-toplevel']);
  const hash = git(top, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  const subject = git(top, ['log', '-1', '--format=%s', hash]);
  const label = `${hash.slice(0, 7)} (${subject.length > 60 ? `${subject.slice(0, 57)}...` : subject})`;
  return cachedBuild(`commit-${hash}`, label, log, (dir) => {
    const archive = execFileSync('git', ['-C', top, 'archive', '--format=tar', hash], { maxBuffer: 1024 * 2 ** 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  });
}

/**
 * Whether a working-tree file is an input of the build: the built packages, the workspace's manifests
 * and lockfile, and the compiler settings. Other files (docs, benchmarks, tests elsewhere) are copied
 * but do not change the key.
 */
export function isBuildInput(path: string): boolean {
  if (BUILT_PACKAGES.some((name) => path.startsWith(`packages/${name}/`))) return true;
  return (
    path === 'package.json' ||
    path.endsWith('/package.json') ||
    path === 'pnpm-lock.yaml' ||
    path === 'pnpm-workspace.yaml' ||
    path === 'tsconfig.base.json'
  );
}

/** The key of a working tree's build: a digest of every build input's path and bytes, in path order. */
export function workingTreeKey(files: ReadonlyMap<string, Buffer>): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort()) {
    if (!isBuildInput(path)) continue;
    const bytes = files.get(path)!;
    hash.update(`${path}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return `tree-${hash.digest('hex').slice(0, 24)}`;
}

/**
 * The build of the working tree as it is now, committed or not: the files git would see (tracked and
 * untracked, minus ignored and deleted ones).
 */
export function workingTreeBuild(repo: string, log: BuildLog): CompiledBuild {
  const root = git(repo, ['rev-parse', '--show-toplevel']);
  const listing = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const files = new Map<string, Buffer>();
  for (const path of new Set(listing.split('\0'))) {
    if (path === '' || !existsSync(join(root, path))) continue;
    files.set(path, readFileSync(join(root, path)));
  }
  const head = git(root, ['rev-parse', '--short=7', 'HEAD']);
  const dirty = git(root, ['status', '--porcelain', '--', ...BUILT_PACKAGES.map((p) => `packages/${p}`)]) !== '';
  const label = `working tree at ${head}${dirty ? ' (with uncommitted changes to the packages)' : ''}`;
  return cachedBuild(workingTreeKey(files), label, log, (dir) => {
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
  });
}

function cachedBuild(key: string, label: string, log: BuildLog, layOut: (dir: string) => void): CompiledBuild {
  const root = join(BUILD_CACHE, key);
  if (isComplete(root)) {
    log(`${label}: reusing the build in ${root}`);
    return { label, key, root, fresh: false };
  }
  const staging = `${root}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    log(`${label}: building in ${root}`);
    layOut(staging);
    install(staging, log);
    const tsc = join(staging, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const name of BUILT_PACKAGES) {
      log(`${label}: compiling packages/${name}`);
      execFileSync(process.execPath, [tsc, '-p', join('packages', name, 'tsconfig.build.json')], {
        cwd: staging,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    }
    for (const name of BUILT_PACKAGES) compiledEntryOnly(join(staging, 'packages', name, 'package.json'));
    const tscVersion = execFileSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' }).trim();
    const stamp = { layout: LAYOUT, key, label, tsc: tscVersion };
    writeFileSync(join(staging, COMPLETE), `${JSON.stringify(stamp, null, 2)}\n`);
    if (isComplete(root)) {
      // Another run finished the same build meanwhile: use it.
      rmSync(staging, { recursive: true, force: true });
      return { label, key, root, fresh: false };
    }
    rmSync(root, { recursive: true, force: true });
    renameSync(staging, root);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { label, key, root, fresh: true };
}

function isComplete(root: string): boolean {
  const stamp = join(root, COMPLETE);
  return existsSync(stamp) && (JSON.parse(readFileSync(stamp, 'utf8')) as { layout?: unknown }).layout === LAYOUT;
}

/**
 * Drops the workspace's `@berth/source` condition from a built package's exports, as packing does
 * (publishConfig). The tool runs with that condition, for its own imports of the working tree; without
 * this, the compiled cluster package's `import '@berth/kernel'` would load the kernel's TypeScript
 * sources instead of its compiled entry.
 */
export function compiledEntryOnly(manifestPath: string): void {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown };
  const strip = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([condition]) => condition !== '@berth/source')
        .map(([condition, target]) => [condition, strip(target)]),
    );
  };
  manifest.exports = strip(manifest.exports);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Installs the copy's dependencies from its own lockfile: from the local store if it can, else from the registry. */
function install(dir: string, log: BuildLog): void {
  const base = ['install', '--frozen-lockfile', '--ignore-scripts', '--reporter=silent'];
  try {
    execFileSync('pnpm', [...base, '--offline'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const reason = String((error as { stderr?: unknown }).stderr ?? error)
      .trim()
      .split('\n')[0];
    log(`offline install failed (${reason}): installing from the registry`);
    execFileSync('pnpm', base, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  }
}
