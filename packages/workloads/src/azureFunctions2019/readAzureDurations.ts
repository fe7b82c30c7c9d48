import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';

/**
 * One function's execution times over a day from the Azure Functions 2019 trace
 * (`function_durations_percentiles.anon.dNN.csv`), in ms, excluding cold starts (per the dataset's
 * documentation).
 */
export interface AzureFunctionDurations {
  readonly kind: 'azure-functions-2019.durations';
  readonly owner: string;
  readonly app: string;
  readonly function: string;
  readonly average: number;
  readonly count: number;
  readonly minimum: number;
  readonly maximum: number;
  /** Percentiles 0, 1, 25, 50, 75, 99 and 100 of the per-interval average durations. */
  readonly percentiles: {
    readonly p0: number;
    readonly p1: number;
    readonly p25: number;
    readonly p50: number;
    readonly p75: number;
    readonly p99: number;
    readonly p100: number;
  };
}

/** The durations table of the Azure Functions 2019 trace; columns found by the header's names. */
export const AZURE_FUNCTION_DURATIONS: TraceFormat<AzureFunctionDurations> = {
  name: 'azure-functions-2019 durations',
  columns: [
    'HashOwner',
    'HashApp',
    'HashFunction',
    'Average',
    'Count',
    'Minimum',
    'Maximum',
    'percentile_Average_0',
    'percentile_Average_1',
    'percentile_Average_25',
    'percentile_Average_50',
    'percentile_Average_75',
    'percentile_Average_99',
    'percentile_Average_100',
  ],
  header: 'named',
  decode: (row) => ({
    kind: 'azure-functions-2019.durations',
    owner: row.required(0),
    app: row.required(1),
    function: row.required(2),
    average: row.nonNegative(3),
    count: row.nonNegative(4),
    minimum: row.nonNegative(5),
    maximum: row.nonNegative(6),
    percentiles: {
      p0: row.nonNegative(7),
      p1: row.nonNegative(8),
      p25: row.nonNegative(9),
      p50: row.nonNegative(10),
      p75: row.nonNegative(11),
      p99: row.nonNegative(12),
      p100: row.nonNegative(13),
    },
  }),
};

/** Streams an Azure Functions 2019 durations file (plain or gzipped); see {@link TraceReader}. */
export function readAzureDurations(
  source: TraceSource,
  options?: TraceReaderOptions,
): TraceReader<AzureFunctionDurations> {
  return new TraceReader(source, AZURE_FUNCTION_DURATIONS, options);
}
