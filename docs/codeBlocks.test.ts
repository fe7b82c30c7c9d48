import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { checkCodeBlocks, type ReadText } from './tools/checkCodeBlocks.js';

// Published code must be tested code: every TypeScript block in the docs (and the top README and each
// package's README, which npm shows) is a verbatim copy of a runnable example, or of a region of one,
// checked here byte for byte.
const root = fileURLToPath(new URL('..', import.meta.url));
const docs = fileURLToPath(new URL('.', import.meta.url));

const read: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const packages = join(root, 'packages');
const markdownFiles = [
  join(root, 'README.md'),
  ...readdirSync(packages)
    .sort()
    .map((name) => join(packages, name, 'README.md'))
    .filter((file) => read(file) !== undefined),
  ...readdirSync(docs, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.md') && !entry.split(/[\\/]/).includes('node_modules'))
    .sort()
    .map((entry) => join(docs, entry)),
];

test.each(markdownFiles.map((file) => [relative(root, file), file]))(
  '%s shows only code that comes from tested examples',
  (name, file) => {
    const issues = checkCodeBlocks(readFileSync(file, 'utf8'), file, read);
    expect(issues.map((issue) => `${name}:${issue.line}: ${issue.message}`)).toEqual([]);
  },
);
