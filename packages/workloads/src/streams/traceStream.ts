import type { SourceReport, StreamContext, StreamItem, TraceStreamEntry, WorkloadSource } from '@berth/cluster';
import { DEFAULT_TRACE_UNITS, type TraceUnits } from '../convert/TraceUnits.js';
import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceReader, TraceReaderOptions } from '../csv/TraceReader.js';
import type { StreamConverter, StreamSink } from './StreamConverter.js';

/** Options of {@link traceStream}. */
export interface TraceStreamOptions {
  /** Machine sizes and placeholders the trace's normalised units stand for (default DEFAULT_TRACE_UNITS). */
  readonly units?: TraceUnits | undefined;
  /** Rejected rows kept in full in the report, over all files (default 10); all are counted. */
  readonly maxErrors?: number | undefined;
  /** Called when the simulation opens the stream (a comparison subscribing to its events, say). */
  readonly onOpen?: ((context: StreamContext) => void) | undefined;
  /** Hears each item once the simulation has applied it (see WorkloadSource.applied). */
  readonly applied?: ((item: StreamItem) => void) | undefined;
}

const DEFAULT_MAX_ERRORS = 10;

/**
 * A trace read as a workload stream: `files` one after the other (plain or gzipped) through `read`,
 * each record turned into items by `converter` as it is read, so the simulation holds a small window
 * of the trace, never the whole. Malformed rows are counted and the first few kept, by file and line,
 * in the stream's report, as `berth trace convert` reports them.
 */
export function traceStream<R>(
  entry: TraceStreamEntry,
  read: (source: TraceSource, options?: TraceReaderOptions) => TraceReader<R>,
  converter: StreamConverter<R>,
  options: TraceStreamOptions = {},
): WorkloadSource {
  const counts = { rows: 0, malformed: 0 };
  const firstErrors: string[] = [];
  const skipped: Record<string, number> = {};
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  let current: TraceReader<R> | null = null;
  const report = (): SourceReport => {
    const live = current?.report;
    return {
      rows: counts.rows + (live?.rows ?? 0),
      malformed: counts.malformed + (live?.malformed ?? 0),
      firstErrors: [...firstErrors],
      skipped: { ...skipped },
    };
  };
  return {
    name: entry.name,
    report,
    ...(options.applied === undefined ? {} : { applied: options.applied }),
    open(context) {
      options.onOpen?.(context);
      const until = entry.until ?? Number.POSITIVE_INFINITY;
      const limit = entry.limit ?? Number.POSITIVE_INFINITY;
      let n = 0;
      const out: StreamItem[] = [];
      const sink: StreamSink = {
        emit: (item) => out.push(item),
        skip: (reason) => {
          skipped[reason] = (skipped[reason] ?? 0) + 1;
        },
        nextName: () => `${entry.name}-${n++}`,
        template: entry.template,
        units: options.units ?? DEFAULT_TRACE_UNITS,
      };
      return (async function* items(): AsyncGenerator<StreamItem, void, undefined> {
        let submitted = 0;
        const drain = function* (): Generator<StreamItem, boolean, undefined> {
          for (const item of out) {
            if (item.at >= until) return false;
            if (item.type === 'submit' && submitted++ >= limit) return false;
            yield item;
          }
          out.length = 0;
          return true;
        };
        for (const file of entry.files) {
          const reader = read(file, { maxErrors });
          current = reader;
          let going = true;
          try {
            for await (const record of reader) {
              converter.accept(record, sink);
              if (out.length > 0 && !(yield* drain())) {
                going = false;
                break;
              }
            }
          } finally {
            const final = reader.report;
            counts.rows += final.rows;
            counts.malformed += final.malformed;
            for (const error of final.firstErrors) {
              if (firstErrors.length < maxErrors) firstErrors.push(`${file}: ${error.message}`);
            }
            current = null;
          }
          if (!going) return;
        }
        converter.finish(sink);
        yield* drain();
      })();
    },
  };
}
