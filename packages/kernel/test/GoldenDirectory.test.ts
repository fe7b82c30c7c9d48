import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type GoldenCase, GoldenDirectory } from './GoldenDirectory.js';

const fresh = () => new GoldenDirectory(mkdtempSync(join(tmpdir(), 'berth-golden-test-')), 'pnpm run golden:update');

const constantCase = (name: string, texts: readonly string[], files = texts.map((_, i) => `${name}.${i}.txt`)) =>
  ({ name, files, record: () => texts }) satisfies GoldenCase;

describe('GoldenDirectory', () => {
  it('writes plain and gzipped files, creating directories, and reads back the same text', () => {
    const goldens = fresh();
    expect(goldens.write('a.json', '{"a":1}\n')).toBe('created');
    expect(goldens.write('sub/b.ndjson.gz', '{"b":2}\n')).toBe('created');
    expect(readFileSync(join(goldens.path, 'a.json'), 'utf8')).toBe('{"a":1}\n');
    expect(gunzipSync(readFileSync(join(goldens.path, 'sub/b.ndjson.gz'))).toString('utf8')).toBe('{"b":2}\n');
    expect(goldens.read('sub/b.ndjson.gz')).toBe('{"b":2}\n');
    expect(goldens.write('sub/b.ndjson.gz', '{"b":2}\n')).toBe('unchanged');
    expect(goldens.write('sub/b.ndjson.gz', '{"b":3}\n')).toBe('updated');
    expect(goldens.read('missing.json')).toBeUndefined();
  });

  it('accepts the exact text only, and names the first differing line of the file', () => {
    const goldens = fresh();
    goldens.write('run.events.ndjson.gz', '{"at":0,"type":"host.added"}\n{"at":5,"type":"container.started"}\n');
    expect(
      goldens.mismatch('run.events.ndjson.gz', '{"at":0,"type":"host.added"}\n{"at":5,"type":"container.started"}\n'),
    ).toBeUndefined();
    const message = goldens.mismatch(
      'run.events.ndjson.gz',
      '{"at":0,"type":"host.added"}\n{"at":6,"type":"container.started"}\n',
    );
    expect(message).toMatch(/run\.events\.ndjson\.gz: this run differs from the golden file at line 2, column 7:\n/);
    expect(message).toContain('  golden:   "{\\"at\\":5,\\"type\\":\\"container.started\\"}\\n"\n');
    expect(message).toContain('  this run: "{\\"at\\":6,\\"type\\":\\"container.started\\"}\\n"\n');
    expect(message).toContain('`pnpm run golden:update`');
    // A missing final newline is a difference too: column 36 is the newline after the 35 characters of line 2.
    expect(
      goldens.mismatch('run.events.ndjson.gz', '{"at":0,"type":"host.added"}\n{"at":5,"type":"container.started"}'),
    ).toMatch(/line 2, column 36/);
    expect(goldens.mismatch('other.json', '{}')).toMatch(
      /other\.json: no golden file\. Record it with `pnpm run golden:update`/,
    );
  });

  it('shows a long line only around its first difference', () => {
    const goldens = fresh();
    const long = (middle: string) => `${'a'.repeat(5000)}${middle}${'b'.repeat(5000)}\n`;
    goldens.write('metrics.json', long('X'));
    const message = goldens.mismatch('metrics.json', long('Y'))!;
    expect(message).toContain('line 1, column 5001:');
    expect(message).toContain(`  golden:   …"${'a'.repeat(80)}X${'b'.repeat(79)}"…\n`);
    expect(message).toContain(`  this run: …"${'a'.repeat(80)}Y${'b'.repeat(79)}"…\n`);
    expect(message.length).toBeLessThan(1000);
  });

  it('checks every file of a case', async () => {
    const goldens = fresh();
    goldens.write('c.0.txt', 'one\n');
    goldens.write('c.1.txt', 'two\n');
    expect(await goldens.check(constantCase('c', ['one\n', 'two\n']))).toEqual([]);
    const mismatches = await goldens.check(
      constantCase('c', ['uno\n', 'two\n', 'three\n'], ['c.0.txt', 'c.1.txt', 'c.2.txt']),
    );
    expect(mismatches).toHaveLength(2);
    expect(mismatches[0]).toMatch(/c\.0\.txt: this run differs from the golden file at line 1, column 1/);
    expect(mismatches[1]).toMatch(/c\.2\.txt: no golden file/);
    await expect(goldens.check(constantCase('c', ['one\n'], ['c.0.txt', 'c.1.txt']))).rejects.toThrow(
      'c: recorded 1 texts for 2 files',
    );
  });

  it('updates what changed, removes strays and counts each', async () => {
    const goldens = fresh();
    const printed: string[] = [];
    const cases = [constantCase('x', ['1\n', '2\n']), constantCase('nested/y', ['3\n'])];
    expect(await goldens.update(cases, (line) => printed.push(line))).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      removed: 0,
    });
    writeFileSync(join(goldens.path, 'nested', 'stale.txt'), 'old');
    expect(goldens.strays(cases)).toEqual(['nested/stale.txt']);
    printed.length = 0;
    const changed = [constantCase('x', ['1\n', '2!\n']), constantCase('nested/y', ['3\n'])];
    expect(await goldens.update(changed, (line) => printed.push(line))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 2,
      removed: 1,
    });
    expect(printed.slice(0, 2).map((line) => line.replace(/^(\w+): .*\//, '$1: '))).toEqual([
      'updated: x.1.txt',
      'removed: stale.txt',
    ]);
    expect(printed[2]).toMatch(/^2 cases in .*: 0 files created, 1 updated, 2 unchanged, 1 removed\.$/);
    expect(existsSync(join(goldens.path, 'nested', 'stale.txt'))).toBe(false);
    expect(goldens.strays(changed)).toEqual([]);
  });
});
