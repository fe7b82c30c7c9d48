import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';
import { GOOGLE_EVENT_TYPES, type GoogleEventType, googleTime } from './GoogleEventType.js';

/**
 * One row of Google cluster-data 2011 `job_events` (8 columns, no header): when a job was submitted,
 * scheduled, finished... Jobs carry no resource requests; those are on their tasks (task_events).
 */
export interface GoogleJobEvent {
  readonly kind: 'google-2011.job_event';
  /** µs since 600 s before the trace window began; 0 means before the trace, Infinity after it. */
  readonly time: number;
  readonly missingInfo: number | undefined;
  /** Kept as text: ids are names, not quantities. */
  readonly jobId: string;
  readonly eventType: GoogleEventType;
  readonly user: string;
  /** 0 (least latency-sensitive) to 3. */
  readonly schedulingClass: number | undefined;
  readonly jobName: string;
  readonly logicalJobName: string;
}

const COLUMNS = [
  'timestamp',
  'missing_info',
  'job_id',
  'event_type',
  'user',
  'scheduling_class',
  'job_name',
  'logical_job_name',
] as const;

/** The `job_events` table of clusterdata-2011-2, columns in the order of the v2.1 schema. */
export const GOOGLE_JOB_EVENTS: TraceFormat<GoogleJobEvent> = {
  name: 'google-2011 job_events',
  columns: COLUMNS,
  header: 'none',
  decode: (row) => ({
    kind: 'google-2011.job_event',
    time: googleTime(row.number(0)),
    missingInfo: row.optionalInteger(1),
    jobId: row.required(2),
    eventType: GOOGLE_EVENT_TYPES[row.integerIn(3, 0, GOOGLE_EVENT_TYPES.length - 1)]!,
    user: row.text(4),
    schedulingClass: row.text(5) === '' ? undefined : row.integerIn(5, 0, 3),
    jobName: row.text(6),
    logicalJobName: row.text(7),
  }),
};

/** Streams a Google 2011 `job_events` file (plain or gzipped); see {@link TraceReader}. */
export function readGoogleJobEvents(source: TraceSource, options?: TraceReaderOptions): TraceReader<GoogleJobEvent> {
  return new TraceReader(source, GOOGLE_JOB_EVENTS, options);
}
