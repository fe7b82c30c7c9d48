import type { RowReader } from '../csv/RowReader.js';
import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';
import { GOOGLE_EVENT_TYPES, type GoogleEventType, googleTime } from './GoogleEventType.js';

/**
 * One row of Google cluster-data 2011 `task_events` (13 columns, no header). Requests are normalised
 * to the largest machine of the cell (1.0), and are empty on some events (often SUBMIT rows that a
 * later UPDATE completes).
 */
export interface GoogleTaskEvent {
  readonly kind: 'google-2011.task_event';
  /** µs; 0 means before the trace, Infinity after it. */
  readonly time: number;
  readonly missingInfo: number | undefined;
  readonly jobId: string;
  readonly taskIndex: number;
  /** The machine the event happened on, when there is one. */
  readonly machineId: string | undefined;
  readonly eventType: GoogleEventType;
  readonly user: string;
  readonly schedulingClass: number | undefined;
  /** 0-1 free, 9-11 production (12 monitoring, per the trace notes); higher is more important. */
  readonly priority: number | undefined;
  /** Fraction of the largest machine's CPU. */
  readonly cpuRequest: number | undefined;
  /** Fraction of the largest machine's memory. */
  readonly memoryRequest: number | undefined;
  readonly diskRequest: number | undefined;
  /** The task must run on a machine no other task of its job uses. */
  readonly differentMachine: boolean | undefined;
}

const COLUMNS = [
  'timestamp',
  'missing_info',
  'job_id',
  'task_index',
  'machine_id',
  'event_type',
  'user',
  'scheduling_class',
  'priority',
  'cpu_request',
  'memory_request',
  'disk_space_request',
  'different_machine_constraint',
] as const;

/** The `task_events` table of clusterdata-2011-2, columns in the order of the v2.1 schema. */
export const GOOGLE_TASK_EVENTS: TraceFormat<GoogleTaskEvent> = {
  name: 'google-2011 task_events',
  columns: COLUMNS,
  header: 'none',
  decode: (row) => ({
    kind: 'google-2011.task_event',
    time: googleTime(row.number(0)),
    missingInfo: row.optionalInteger(1),
    jobId: row.required(2),
    taskIndex: row.integerIn(3, 0, Number.MAX_SAFE_INTEGER),
    machineId: row.optionalText(4),
    eventType: GOOGLE_EVENT_TYPES[row.integerIn(5, 0, GOOGLE_EVENT_TYPES.length - 1)]!,
    user: row.text(6),
    schedulingClass: row.text(7) === '' ? undefined : row.integerIn(7, 0, 3),
    priority: row.text(8) === '' ? undefined : row.integerIn(8, 0, Number.MAX_SAFE_INTEGER),
    cpuRequest: fraction(row, 9),
    memoryRequest: fraction(row, 10),
    diskRequest: fraction(row, 11),
    differentMachine: row.text(12) === '' ? undefined : row.integerIn(12, 0, 1) === 1,
  }),
};

function fraction(row: RowReader, column: number): number | undefined {
  return row.text(column) === '' ? undefined : row.nonNegative(column);
}

/** Streams a Google 2011 `task_events` file (plain or gzipped); see {@link TraceReader}. */
export function readGoogleTaskEvents(source: TraceSource, options?: TraceReaderOptions): TraceReader<GoogleTaskEvent> {
  return new TraceReader(source, GOOGLE_TASK_EVENTS, options);
}
