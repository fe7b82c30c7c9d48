import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

/**
 * Where a trace comes from: a file path (relative to the working directory), a `file:` URL, or a
 * stream/async iterable of bytes or text (stdin, an HTTP body). Gzip is recognised by its magic bytes,
 * whatever the name, so `part-00000-of-00500.csv.gz` and a piped gzip stream both work.
 */
export type TraceSource = string | URL | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

/** A line longer than this is not a trace row: stop instead of buffering a whole binary file. */
export const MAX_LINE_LENGTH = 1 << 20;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * The lines of a trace, streamed: chunks are decoded as UTF-8 and split on `\n` (a trailing `\r` is
 * dropped), so memory holds one chunk and one line at a time, whatever the file's size. Breaking out
 * of the loop closes the file. A line longer than {@link MAX_LINE_LENGTH} throws.
 */
export async function* readTraceLines(source: TraceSource): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let lineNumber = 0;
  for await (const chunk of decompressed(source)) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline >= 0) {
      const piece = text.slice(start, newline);
      const line = carry === '' ? piece : carry + piece;
      carry = '';
      lineNumber++;
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    carry += text.slice(start);
    if (carry.length > MAX_LINE_LENGTH) {
      throw new Error(
        `line ${lineNumber + 1} is longer than ${MAX_LINE_LENGTH} characters: this does not look like a CSV trace`,
      );
    }
  }
  carry += decoder.decode();
  if (carry !== '') yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}

/** Bytes of the source, gunzipped when they start with gzip's magic number. */
async function* decompressed(source: TraceSource): AsyncGenerator<Uint8Array | string, void, undefined> {
  const input = open(source);
  const iterator = input[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array | string>;
  try {
    first = await iterator.next();
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  if (first.done === true) return;
  const head = first.value;
  const rest = restOf(head, iterator);
  if (typeof head !== 'string' && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1) {
    // pipeline ties both ends: an early break destroys gunzip and so the source (closing the file),
    // and a read error in the source destroys gunzip with that error, which the loop then throws.
    const gunzip = createGunzip();
    pipeline(Readable.from(rest, { objectMode: false }), gunzip, ignore);
    yield* gunzip as AsyncIterable<Uint8Array>;
  } else {
    yield* rest;
  }
}

async function* restOf<T>(head: T, iterator: AsyncIterator<T>): AsyncGenerator<T, void, undefined> {
  try {
    yield head;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  } finally {
    await iterator.return?.();
  }
}

function open(source: TraceSource): AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string') return createReadStream(source);
  if (source instanceof URL) return createReadStream(fileURLToPath(source));
  if (Symbol.asyncIterator in source) return source as AsyncIterable<Uint8Array | string>;
  return Readable.from(source as NodeJS.ReadableStream);
}

/** Errors reach the consumer through the gunzip stream it iterates; the pipeline callback has nothing to add. */
function ignore(): void {}
