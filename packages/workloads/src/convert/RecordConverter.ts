import type { TraceItem } from './TraceItem.js';
import type { TraceUnits } from './TraceUnits.js';

/** Where a converter sends items, and where it says why it left a record out. */
export interface ConverterSink {
  emit(item: TraceItem): void;
  /** Counts a record left out, by reason (`'invalid mem_size'`). */
  skip(reason: string): void;
}

/**
 * Turns the records of one trace table into hosts and tasks. It may keep state between records
 * (Google's task_events pair a SUBMIT with its FINISH) and emits what is still open in `finish`.
 */
export interface RecordConverter<R> {
  /** What its items are: once a conversion's limit is reached, a source of tasks is no longer read. */
  readonly produces: 'hosts' | 'tasks';
  accept(record: R, sink: ConverterSink): void;
  finish(sink: ConverterSink): void;
}

/** Creates a fresh converter for one conversion. */
export type ConverterFactory<R> = (units: TraceUnits) => RecordConverter<R>;
