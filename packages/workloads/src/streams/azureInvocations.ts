import type { SourceReport, StreamItem, TraceStreamEntry, WorkloadSource } from '@berth/cluster';
import type { RandomStream } from '@berth/kernel';
import { readAzureInvocations } from '../azureFunctions2019/readAzureInvocations.js';

/** Options of {@link azureInvocations}. */
export interface AzureInvocationsOptions {
  /** Rejected rows kept in full in the report, over all files (default 10); all are counted. */
  readonly maxErrors?: number | undefined;
}

const DEFAULT_MAX_ERRORS = 10;
const MINUTE_MS = 60_000;

/**
 * Azure Functions 2019 invocation counts (`invocations_per_function_md.anon.dNN.csv`, plain or gzipped)
 * as a stream of `invoke` items for the scenario's `functions.definitions` (build them with
 * `azureFunctionDefinitions(..., { invocations: 'streamed' })`). The files follow each other in time:
 * the first's first minute column starts at 0, the next file's after the last minute of the one before
 * (a day after a day, in the trace). Each minute's count becomes that many arrivals at uniform times
 * within the minute, drawn exactly as the definitions' own `counts` process draws them (the function's
 * `function-arrivals` stream, a minute's draws sorted), so a streamed run is the same run as one with
 * the counts in the definitions. The table is laid out a function per row, so a file is read whole
 * before its first minute is played: memory holds one file's non-zero counts, whatever the number of
 * files. Malformed rows are counted and the first few kept by file and line; rows of a function the
 * scenario does not define are left out, counted.
 */
export function azureInvocations(entry: TraceStreamEntry, options: AzureInvocationsOptions = {}): WorkloadSource {
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const counts = { rows: 0, malformed: 0 };
  const firstErrors: string[] = [];
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  return {
    name: entry.name,
    report: (): SourceReport => ({ ...counts, firstErrors: [...firstErrors], skipped: { ...skipped } }),
    open({ runtime }) {
      const defined = runtime.scenario.functions?.definitions ?? {};
      // The stream each function's counts are drawn from, as the function platform derives it.
      const arrivals = runtime.random.stream('function-arrivals');
      const streams = new Map<string, { stream: RandomStream; last: number }>();
      const until = entry.until ?? Number.POSITIVE_INFINITY;
      // startArrivals' cursors begin at the time the platform starts, and take no arrival at it.
      const start = runtime.now;
      return (async function* items(): AsyncGenerator<StreamItem, void, undefined> {
        let offset = start;
        for (const file of entry.files) {
          const reader = readAzureInvocations(file, { maxErrors });
          /** Per minute column: the functions invoked in it and how often, in the file's row order. */
          const byMinute: Array<Array<{ name: string; n: number }> | undefined> = [];
          let minutes = 0;
          try {
            for await (const row of reader) {
              if (!Object.hasOwn(defined, row.function)) {
                skip('invocations of a function not in functions.definitions');
                continue;
              }
              minutes = Math.max(minutes, row.counts.length);
              row.counts.forEach((n, m) => {
                if (n === 0) return;
                const cell = byMinute[m];
                if (cell === undefined) byMinute[m] = [{ name: row.function, n }];
                else cell.push({ name: row.function, n });
              });
            }
          } finally {
            const final = reader.report;
            counts.rows += final.rows;
            counts.malformed += final.malformed;
            for (const error of final.firstErrors) {
              if (firstErrors.length < maxErrors) firstErrors.push(`${file}: ${error.message}`);
            }
          }
          for (let m = 0; m < minutes; m++) {
            const from = offset + m * MINUTE_MS;
            if (from >= until) return;
            const cell = byMinute[m];
            if (cell === undefined) continue;
            byMinute[m] = undefined;
            const minute: Array<{ at: number; name: string }> = [];
            for (const { name, n } of cell) {
              let fn = streams.get(name);
              if (fn === undefined) {
                fn = { stream: arrivals.stream(name), last: start };
                streams.set(name, fn);
              }
              const times = new Float64Array(n);
              for (let k = 0; k < n; k++) times[k] = from + fn.stream.next() * MINUTE_MS;
              times.sort();
              for (const t of times) {
                if (!(t > start && t < until)) continue;
                // The time the platform's own arrivals run at: each is put on the agenda as a delay from
                // the function's previous arrival, and `last + (t - last)` may differ from t in its last bit.
                const at = fn.last + (t - fn.last);
                fn.last = at;
                minute.push({ at, name });
              }
            }
            // Stable: equal times keep the file's row order.
            minute.sort((a, b) => a.at - b.at);
            for (const { at, name } of minute) yield { type: 'invoke', at, function: name };
          }
          offset += minutes * MINUTE_MS;
        }
      })();
    },
  };
}
