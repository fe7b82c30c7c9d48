import type { StreamContext } from './StreamContext.js';
import type { StreamItem } from './StreamItem.js';

/** What a trace source has read so far: rows, rejected rows (counted, the first few in full), records left out. */
export interface SourceReport {
  readonly rows: number;
  readonly malformed: number;
  /** The first rejected rows, as `file: line N: reason`. */
  readonly firstErrors: readonly string[];
  /** Records read but not turned into items, by reason (`'task ended before it was scheduled'`). */
  readonly skipped: Readonly<Record<string, number>>;
}

/**
 * A source of arrivals read lazily as simulated time advances: a synthetic generator, a trace file, or
 * your own iterator. `open` is called once, when the simulation starts reading it, and returns the
 * items in time order: a plain iterable (then `sim.run` drives it) or an async one (a file being read:
 * then drive the simulation with `await sim.runAsync()`). Memory holds one item of a plain source and
 * a small window of an async one, whatever the stream's length.
 */
export interface WorkloadSource {
  /** Names the stream in reports; a stream's containers are usually named `<name>-<n>`. */
  readonly name: string;
  open(context: StreamContext): Iterable<StreamItem> | AsyncIterable<StreamItem>;
  /** Rows read and rejected, for a source that reads a trace. */
  report?(): SourceReport;
  /** Hears each item once the simulation has applied it, at its time (a replay comparing itself with its trace). */
  applied?(item: StreamItem): void;
}
