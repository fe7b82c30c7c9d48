import { closeSync, openSync, writeSync } from 'node:fs';
import type { ClusterEvent } from '@berth/cluster';

/** Characters buffered before a write: large enough to amortise the system call, small enough to stay flat. */
const FLUSH_AT = 1 << 16;

/**
 * Streams cluster events to a file, one JSON object per line (NDJSON), as `sim.log.subscribe` hands
 * them over. Writes are synchronous, in 64 KiB batches: a simulation runs without yielding to Node's
 * event loop, so an asynchronous write stream would queue every event in memory until the run ended.
 */
export class NdjsonEventWriter {
  private readonly fd: number;
  private buffer = '';
  /** Events written so far. */
  count = 0;

  /** Opens (creates or truncates) `path`; throws the system error when it cannot. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends one event; bound as a log listener, so `sim.log.subscribe(writer.write)` works. */
  readonly write = (event: ClusterEvent): void => {
    this.buffer += `${JSON.stringify(event)}\n`;
    this.count += 1;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  };

  /** Writes what is buffered. */
  flush(): void {
    if (this.buffer === '') return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
