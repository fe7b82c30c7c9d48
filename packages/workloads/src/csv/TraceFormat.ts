import type { RowReader } from './RowReader.js';

/**
 * One CSV trace table: its column names in the trace's own order and spelling, how its header works,
 * and how a row becomes a typed record. Formats are data handed to {@link readTrace}; a new trace
 * table needs a new format, not a new reader.
 */
export interface TraceFormat<T> {
  /** Shown in errors: `google-2011 task_events`. */
  readonly name: string;
  readonly columns: readonly string[];
  /**
   * `none`: rows only, in `columns` order (lines starting with `#` are comments, as in the CloudSim
   * Plus samples). `named`: the first line names the columns, which may come in any order and may
   * include others; every column of `columns` must be there.
   */
  readonly header: 'none' | 'named';
  /**
   * With a `named` header: columns of `columns` that a file may lack (published variants of a trace
   * with fewer columns). The decoder asks {@link RowReader.has} and applies its documented default.
   */
  readonly optionalColumns?: readonly string[];
  /** Builds the record from a row whose field count was checked; may call `row.fail` for cross-field checks. */
  decode(row: RowReader): T;
}
