import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';

/**
 * One application's allocated memory from the Azure Functions 2019 trace
 * (`app_memory_percentiles.anon.dNN.csv`), in MB. Memory is recorded per application, not per function.
 */
export interface AzureAppMemory {
  readonly kind: 'azure-functions-2019.memory';
  readonly owner: string;
  readonly app: string;
  readonly sampleCount: number;
  readonly averageMb: number;
  /** Percentiles 1, 5, 25, 50, 75, 95, 99 and 100 of the allocated memory, MB. */
  readonly percentiles: readonly number[];
}

/** The app memory table of the Azure Functions 2019 trace; columns found by the header's names. */
export const AZURE_APP_MEMORY: TraceFormat<AzureAppMemory> = {
  name: 'azure-functions-2019 memory',
  columns: [
    'HashOwner',
    'HashApp',
    'SampleCount',
    'AverageAllocatedMb',
    ...[1, 5, 25, 50, 75, 95, 99, 100].map((p) => `AverageAllocatedMb_pct${p}`),
  ],
  header: 'named',
  decode: (row) => ({
    kind: 'azure-functions-2019.memory',
    owner: row.required(0),
    app: row.required(1),
    sampleCount: row.nonNegative(2),
    averageMb: row.nonNegative(3),
    percentiles: [4, 5, 6, 7, 8, 9, 10, 11].map((c) => row.nonNegative(c)),
  }),
};

/** Streams an Azure Functions 2019 app memory file (plain or gzipped); see {@link TraceReader}. */
export function readAzureMemory(source: TraceSource, options?: TraceReaderOptions): TraceReader<AzureAppMemory> {
  return new TraceReader(source, AZURE_APP_MEMORY, options);
}
