import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH, readTraceLines } from './readTraceLines.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* parts;
}

describe('readTraceLines', () => {
  it('reads a gzipped file as the same lines as the plain one', async () => {
    const plain = await collect(readTraceLines(fixture('google-task_events.csv')));
    const gz = await collect(readTraceLines(fixture('google-task_events.csv.gz')));
    expect(plain).toHaveLength(17);
    expect(gz).toEqual(plain);
  });

  it('joins lines split across chunks, drops \\r, and keeps a last line without newline', async () => {
    const bytes = new TextEncoder().encode('ab,c\r\nd€');
    const lines = await collect(readTraceLines(chunks(bytes.slice(0, 3), bytes.slice(3, 8), bytes.slice(8), '\nlast')));
    expect(lines).toEqual(['ab,c', 'd€', 'last']);
  });

  it('recognises gzip by its magic bytes on a stream', async () => {
    const gz = gzipSync('x,1\ny,2\n');
    expect(await collect(readTraceLines(chunks(gz.subarray(0, 5), gz.subarray(5))))).toEqual(['x,1', 'y,2']);
  });

  it('stops on a line too long to be a trace row', async () => {
    const long = 'x'.repeat(MAX_LINE_LENGTH + 10);
    await expect(collect(readTraceLines(chunks(long)))).rejects.toThrow(/line 1 is longer than/);
  });

  it.each([
    ['plain', new TextEncoder().encode('a\nb\nc\n')],
    ['gzipped', gzipSync('a\nb\nc\n')],
  ])('closes a %s source when the reader stops early', async (_, bytes) => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield bytes;
        yield new Uint8Array([10]);
      } finally {
        closed = true;
      }
    }
    for await (const line of readTraceLines(source())) {
      expect(line).toBe('a');
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it('reports a missing file', async () => {
    await expect(collect(readTraceLines(fixture('no-such-file.csv')))).rejects.toThrow(/ENOENT/);
  });

  it('reports a corrupt gzip stream', async () => {
    const gz = gzipSync('x,1\n'.repeat(100));
    await expect(collect(readTraceLines(chunks(gz.subarray(0, 20))))).rejects.toThrow(/unexpected end of file/);
  });
});
