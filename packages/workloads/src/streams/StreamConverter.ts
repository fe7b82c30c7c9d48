import type { CompiledTemplate, StreamItem } from '@berth/cluster';
import type { TraceUnits } from '../convert/TraceUnits.js';

/** Where a stream converter sends items, names containers, and says why it left a record out. */
export interface StreamSink {
  emit(item: StreamItem): void;
  /** Counts a record left out, by reason. */
  skip(reason: string): void;
  /** The next container name of the stream: `<stream>-<n>`. */
  nextName(): string;
  /** The stream's template, compiled against the simulation. */
  readonly template: CompiledTemplate;
  readonly units: TraceUnits;
}

/**
 * Turns trace records, in the trace's time order, into stream items as they are read: unlike a
 * RecordConverter it may not wait for a task's end to emit its start. It keeps only what is open
 * (tasks submitted and not ended), so its memory follows the cluster, not the trace.
 */
export interface StreamConverter<R> {
  accept(record: R, sink: StreamSink): void;
  /** Called once at the end of the last file. */
  finish(sink: StreamSink): void;
}
