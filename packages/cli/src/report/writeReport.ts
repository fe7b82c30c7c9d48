import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterMetrics, Simulation } from '@berth/cluster';

/** What a report is made from: a finished run. */
export interface ReportInput {
  /** The simulation as the run left it. `berth run --out` keeps its whole event log (`sim.events()`). */
  readonly sim: Simulation;
  /** The run's metrics, as `berth run --json` prints them. */
  readonly metrics: ClusterMetrics;
  /** The scenario's name (its `name`, or the file name without extension), for titles. */
  readonly scenario: string;
}

/**
 * Writes the report of a finished run into `dir` (created if missing) and returns the paths written.
 * For now only `metrics.json` (the metrics as one JSON object); `berth run --out <dir>` calls this.
 * Throws the file system's error when `dir` cannot be written.
 */
export async function writeReport(dir: string, input: ReportInput): Promise<readonly string[]> {
  await mkdir(dir, { recursive: true });
  const metricsFile = join(dir, 'metrics.json');
  await writeFile(metricsFile, `${JSON.stringify(input.metrics, null, 2)}\n`);
  return [metricsFile];
}
