import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';
import { googleTime } from './GoogleEventType.js';

/** Machine event types of Google 2011 `machine_events`, in the order of their codes 0..2 (v2.1 schema). */
export const GOOGLE_MACHINE_EVENT_TYPES = ['ADD', 'REMOVE', 'UPDATE'] as const;

/**
 * One row of Google cluster-data 2011 `machine_events` (6 columns, no header): a machine added to the
 * cell, removed from it (failure or maintenance), or its capacity updated. Capacities are normalised
 * to the largest machine (1.0) and are empty on some rows.
 */
export interface GoogleMachineEvent {
  readonly kind: 'google-2011.machine_event';
  /** µs; 0 means before the trace. */
  readonly time: number;
  readonly machineId: string;
  readonly eventType: (typeof GOOGLE_MACHINE_EVENT_TYPES)[number];
  readonly platformId: string;
  /** Fraction of the largest machine's CPU. */
  readonly cpus: number | undefined;
  /** Fraction of the largest machine's memory. */
  readonly memory: number | undefined;
}

const COLUMNS = ['timestamp', 'machine_id', 'event_type', 'platform_id', 'cpus', 'memory'] as const;

/** The `machine_events` table of clusterdata-2011-2, columns in the order of the v2.1 schema. */
export const GOOGLE_MACHINE_EVENTS: TraceFormat<GoogleMachineEvent> = {
  name: 'google-2011 machine_events',
  columns: COLUMNS,
  header: 'none',
  decode: (row) => ({
    kind: 'google-2011.machine_event',
    time: googleTime(row.number(0)),
    machineId: row.required(1),
    eventType: GOOGLE_MACHINE_EVENT_TYPES[row.integerIn(2, 0, GOOGLE_MACHINE_EVENT_TYPES.length - 1)]!,
    platformId: row.text(3),
    cpus: row.text(4) === '' ? undefined : row.nonNegative(4),
    memory: row.text(5) === '' ? undefined : row.nonNegative(5),
  }),
};

/** Streams a Google 2011 `machine_events` file (plain or gzipped); see {@link TraceReader}. */
export function readGoogleMachineEvents(
  source: TraceSource,
  options?: TraceReaderOptions,
): TraceReader<GoogleMachineEvent> {
  return new TraceReader(source, GOOGLE_MACHINE_EVENTS, options);
}
