import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { TraceFormat } from './TraceFormat.js';
import { readTrace } from './TraceReader.js';

const PAIRS: TraceFormat<{ name: string; size: number }> = {
  name: 'pairs',
  columns: ['name', 'size'],
  header: 'none',
  decode: (row) => ({ name: row.required(0), size: row.integer(1) }),
};

const NAMED: TraceFormat<{ name: string; size: number }> = { ...PAIRS, name: 'named pairs', header: 'named' };

async function* text(s: string): AsyncGenerator<string> {
  yield s;
}

describe('TraceReader', () => {
  it('counts malformed rows, keeps the first few in full, and reads on', async () => {
    const rows = ['a,1', 'b,x', ',3', 'c', 'd,4', 'e,5.5', 'f,6'].join('\n');
    const reader = readTrace(text(rows), PAIRS, { maxErrors: 2 });
    const records = await reader.toArray();
    expect(records.map((r) => r.name)).toEqual(['a', 'd', 'f']);
    expect(reader.report).toMatchObject({ rows: 3, malformed: 4, lines: 7 });
    expect(reader.report.firstErrors.map((e) => e.message)).toEqual([
      "line 2: column 2 (size): expected an integer, got 'x'",
      "line 3: column 1 (name): expected a value, got ''",
    ]);
  });

  it('returns the report as the iterator result', async () => {
    const iterator = readTrace(text('a,1\n'), PAIRS)[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ name: 'a', size: 1 });
    expect(await iterator.next()).toEqual({ done: true, value: { rows: 1, malformed: 0, lines: 1, firstErrors: [] } });
  });

  it('stops after limit records', async () => {
    const reader = readTrace(text('a,1\nb,2\nc,3\n'), PAIRS, { limit: 2 });
    expect(await reader.toArray()).toHaveLength(2);
    expect(reader.report.lines).toBe(2);
  });

  it('skips comments and blank lines', async () => {
    const reader = readTrace(text('# name,size\n\na,1\n'), PAIRS);
    expect(await reader.toArray()).toEqual([{ name: 'a', size: 1 }]);
  });

  it('finds named columns in any order and ignores extra ones', async () => {
    const reader = readTrace(text('\uFEFFextra,size,name\nz,2,b\n'), NAMED);
    expect(await reader.toArray()).toEqual([{ name: 'b', size: 2 }]);
  });

  it('refuses a header that lacks a column', async () => {
    const reader = readTrace(text('name,weight\nb,2\n'), NAMED);
    await expect(reader.toArray()).rejects.toThrow(ConfigError);
    await expect(readTrace(text('name,weight\n'), NAMED).toArray()).rejects.toThrow(/lacks column size/);
  });

  it('is read once', async () => {
    const reader = readTrace(text('a,1\n'), PAIRS);
    await reader.toArray();
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/already read/);
  });

  it('refuses a bad limit', () => {
    expect(() => readTrace(text(''), PAIRS, { limit: -1 })).toThrow(/limit/);
  });
});
