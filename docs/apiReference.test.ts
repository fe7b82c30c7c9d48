import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { checkApiPage, type PackageExports } from './tools/checkApiPage.js';
import { listExports } from './tools/listExports.js';

// The public API is written down on one page, docs/reference/api.md, and the page must list exactly what
// each published package's index exports: an export added or removed without the page changing fails here.
const root = fileURLToPath(new URL('..', import.meta.url));
const PAGE = 'docs/reference/api.md';

interface PackageJson {
  readonly name: string;
  readonly private?: boolean;
  readonly exports?: { readonly '.'?: { readonly '@berth/source'?: string } };
}

/** Every published workspace package, with its index found through the source condition of its exports map. */
function publishedPackages(): PackageExports[] {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = `packages/${entry.name}`;
      const json = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as PackageJson;
      const source = json.exports?.['.']?.['@berth/source'];
      if (source === undefined) throw new Error(`${dir}/package.json has no "@berth/source" entry for "."`);
      const indexFile = join(dir, source).replaceAll('\\', '/');
      const exports = listExports(readFileSync(join(root, indexFile), 'utf8'), indexFile);
      return { json, packageName: json.name, indexFile, exports };
    })
    .filter((pkg) => pkg.json.private !== true)
    .map(({ packageName, indexFile, exports }) => ({ packageName, indexFile, exports }))
    .sort((a, b) => a.packageName.localeCompare(b.packageName));
}

const packages = publishedPackages();
const issues = checkApiPage(readFileSync(join(root, PAGE), 'utf8'), PAGE, packages);

test('the published packages are the four the page documents', () => {
  expect(packages.map((pkg) => pkg.packageName)).toEqual([
    '@berth/cli',
    '@berth/cluster',
    '@berth/kernel',
    '@berth/workloads',
  ]);
});

test.each(packages.map((pkg) => [pkg.packageName]))(`${PAGE} lists exactly what %s exports`, (packageName) => {
  const messages = issues.filter((issue) => issue.packageName === packageName).map((issue) => issue.message);
  expect(messages).toEqual([]);
});

test(`${PAGE} has a section for each package and none for anything else`, () => {
  expect(issues.filter((issue) => issue.packageName === undefined).map((issue) => issue.message)).toEqual([]);
});
