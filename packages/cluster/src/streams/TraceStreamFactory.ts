import type { CompiledTemplate } from '../simulation/compileTemplate.js';
import type { WorkloadSource } from './WorkloadSource.js';

/** A scenario's trace stream as the factory receives it: files in reading order, and what its containers share. */
export interface TraceStreamEntry {
  readonly name: string;
  readonly format: string;
  readonly files: readonly string[];
  /** The stream's template, compiled against the simulation: a trace's requests and run times override it. */
  readonly template: CompiledTemplate;
  /** No item at or after this time (ms). */
  readonly until?: number | undefined;
  /** At most this many containers submitted. */
  readonly limit?: number | undefined;
}

/**
 * Opens a scenario's `streams[].trace` as a workload source. The cluster package reads no file
 * itself: @berth/workloads' TRACE_STREAMS maps each trace format to one (the CLI passes it).
 */
export type TraceStreamFactory = (entry: TraceStreamEntry) => WorkloadSource;
