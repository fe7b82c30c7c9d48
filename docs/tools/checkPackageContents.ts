import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/** A package as its tarball holds it: the packed manifest and every file's text, by path from the package root. */
export interface PackedPackage {
  readonly manifest: Readonly<Record<string, unknown>>;
  /** Paths use `/` and have no leading `./` (`dist/index.js`, `package.json`). */
  readonly files: ReadonlyMap<string, string>;
}

/** Files every published package carries. */
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE'];
/** Tests, test helpers and build leftovers, which a consumer must never receive. */
const NOT_SHIPPED: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?(\.map)?$|\.(test|spec)\.d\.[cm]?ts(\.map)?$/, what: 'a compiled test' },
  { pattern: /(^|\/)(test|tests|__tests__|fixtures|__fixtures__|testing)\//, what: 'a test folder' },
  { pattern: /\.tsbuildinfo$/, what: 'a TypeScript build cache' },
  { pattern: /(^|\/)[^/]*\.(?<!\.d\.)[cm]?tsx?$/, what: 'a TypeScript source (the package ships JavaScript)' },
];
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;
const SOURCE_MAPPING_URL = /^\/\/# sourceMappingURL=(\S+)\s*$/m;

/**
 * Checks a packed package the way a consumer meets it, and returns one message per problem (empty: fine):
 * no tests or TypeScript sources; a README and a LICENSE; every source map resolves each of its sources
 * to a shipped file or embeds it; every file named by `exports` (each conditions object lists `types`
 * first), `main`, `types`, `bin` (with a `#!` line) and `sideEffects` is shipped; no `workspace:`
 * dependency range; and every package the JavaScript or the declarations import is a Node.js built-in
 * or a declared dependency.
 */
export function checkPackageContents(pkg: PackedPackage): string[] {
  const issues: string[] = [];
  for (const file of REQUIRED_FILES) {
    if (!pkg.files.has(file)) issues.push(`${file} is missing`);
  }
  for (const path of pkg.files.keys()) {
    const rule = NOT_SHIPPED.find(({ pattern }) => pattern.test(path));
    if (rule !== undefined) issues.push(`${path} is ${rule.what} and must not be published`);
  }
  for (const [path, text] of pkg.files) {
    if (path.endsWith('.map')) issues.push(...checkSourceMap(pkg, path, text));
    const mapping = /\.[cm]?js$|\.d\.[cm]?ts$/.test(path) ? SOURCE_MAPPING_URL.exec(text) : null;
    if (mapping !== null && !mapping[1]!.startsWith('data:')) {
      const target = posix.join(posix.dirname(path), mapping[1]!);
      if (!pkg.files.has(target)) issues.push(`${path} names the source map ${mapping[1]}, which is not shipped`);
    }
  }
  issues.push(...checkManifestFiles(pkg), ...checkImports(pkg));
  return issues;
}

function checkSourceMap(pkg: PackedPackage, path: string, text: string): string[] {
  let map: { sources?: unknown; sourcesContent?: unknown; sourceRoot?: unknown };
  try {
    map = JSON.parse(text) as typeof map;
  } catch {
    return [`${path} is not valid JSON`];
  }
  const sources = Array.isArray(map.sources) ? map.sources : [];
  const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
  const root = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';
  const issues: string[] = [];
  sources.forEach((source, i) => {
    if (typeof contents[i] === 'string') return;
    const target = posix.normalize(posix.join(posix.dirname(path), root, String(source)));
    if (!pkg.files.has(target)) {
      issues.push(`${path} maps to ${String(source)}, which is neither shipped nor embedded (sourcesContent)`);
    }
  });
  return issues;
}

function checkManifestFiles(pkg: PackedPackage): string[] {
  const { manifest } = pkg;
  const issues: string[] = [];
  const mustExist = (field: string, target: unknown) => {
    if (typeof target !== 'string') return;
    const path = posix.normalize(target);
    if (!pkg.files.has(path)) issues.push(`${field} names ${target}, which is not shipped`);
  };
  walkExports(manifest.exports, 'exports', mustExist, issues);
  mustExist('main', manifest.main);
  mustExist('types', manifest.types);
  const bin = typeof manifest.bin === 'string' ? { [String(manifest.name)]: manifest.bin } : manifest.bin;
  for (const [name, target] of Object.entries((bin ?? {}) as Record<string, unknown>)) {
    mustExist(`bin.${name}`, target);
    const text = typeof target === 'string' ? pkg.files.get(posix.normalize(target)) : undefined;
    if (text !== undefined && !text.startsWith('#!')) issues.push(`bin.${name} (${target}) has no #! line`);
  }
  if (Array.isArray(manifest.sideEffects)) {
    for (const entry of manifest.sideEffects) {
      if (typeof entry === 'string' && !entry.includes('*')) mustExist('sideEffects', entry);
    }
  } else if (manifest.sideEffects !== false) {
    issues.push('sideEffects is not declared (false, or the files that have effects when imported)');
  }
  for (const field of [...DEPENDENCY_FIELDS, 'devDependencies'] as const) {
    for (const [name, range] of Object.entries((manifest[field] ?? {}) as Record<string, unknown>)) {
      if (String(range).startsWith('workspace:')) issues.push(`${field}.${name} is still ${String(range)}`);
    }
  }
  return issues;
}

function walkExports(
  value: unknown,
  at: string,
  mustExist: (field: string, target: unknown) => void,
  issues: string[],
): void {
  if (typeof value === 'string') {
    mustExist(at, value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const keys = Object.keys(value);
  if (keys.includes('types') && keys[0] !== 'types') {
    issues.push(`${at} lists ${keys[0]} before types; TypeScript takes the first condition that matches`);
  }
  for (const [key, inner] of Object.entries(value)) walkExports(inner, `${at}["${key}"]`, mustExist, issues);
}

function checkImports(pkg: PackedPackage): string[] {
  const declared = new Set(DEPENDENCY_FIELDS.flatMap((field) => Object.keys((pkg.manifest[field] ?? {}) as object)));
  const self = String(pkg.manifest.name);
  const issues: string[] = [];
  for (const [path, text] of pkg.files) {
    if (!/\.[cm]?js$|\.d\.[cm]?ts$/.test(path)) continue;
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue;
      const name = packageName(specifier);
      if (name !== self && !declared.has(name)) {
        issues.push(`${path} imports ${specifier}, but ${name} is not among the package's dependencies`);
      }
    }
  }
  return issues;
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
