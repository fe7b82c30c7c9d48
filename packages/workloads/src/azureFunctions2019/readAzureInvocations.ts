import { ConfigError } from '@berth/kernel';
import type { TraceRowError } from '../csv/RowReader.js';
import { readTraceLines, type TraceSource } from '../csv/readTraceLines.js';
import { splitCsvLine } from '../csv/splitCsvLine.js';
import type { TraceReaderOptions, TraceReport } from '../csv/TraceReader.js';

/**
 * One function's invocations per minute from the Azure Functions 2019 trace
 * (`invocations_per_function_md.anon.dNN.csv`: `HashOwner,HashApp,HashFunction,Trigger,1,…,1440`, or
 * a window of those minute columns, as the 100-function sample's `480`…`959`).
 */
export interface AzureFunctionInvocations {
  readonly kind: 'azure-functions-2019.invocations';
  readonly owner: string;
  readonly app: string;
  readonly function: string;
  /** `http`, `timer`, `queue`, `event`, `storage`, `orchestration` or `others`. */
  readonly trigger: string;
  /** The trace's number of the first minute column (1 for a whole day; 480 for the sample's window). */
  readonly firstMinute: number;
  /** Invocations in each minute, from `firstMinute` on. */
  readonly counts: readonly number[];
}

const KEYS = ['HashOwner', 'HashApp', 'HashFunction', 'Trigger'] as const;
const DEFAULT_MAX_ERRORS = 10;
const COUNT = /^\d+$/;

/**
 * Streams the invocation counts of an Azure Functions 2019 trace file (plain or gzipped), one function
 * per row, never holding the file. The header names the key columns and the minutes (consecutive
 * integers). A row with the wrong number of columns, an empty key or a count that is not a whole number
 * is counted as malformed, located by its line, and skipped; reading goes on. A header without the key
 * columns or with minute columns out of order is a {@link ConfigError}.
 */
export class AzureInvocationsReader implements AsyncIterable<AzureFunctionInvocations> {
  private readonly counts = { rows: 0, malformed: 0, lines: 0 };
  private readonly errors: TraceRowError[] = [];
  private started = false;
  private readonly maxErrors: number;
  private readonly limit: number;

  constructor(
    readonly source: TraceSource,
    options: TraceReaderOptions = {},
  ) {
    this.maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
    this.limit = options.limit ?? Number.POSITIVE_INFINITY;
  }

  /** The report so far (final once iteration has ended). */
  get report(): TraceReport {
    return { ...this.counts, firstErrors: [...this.errors] };
  }

  [Symbol.asyncIterator](): AsyncGenerator<AzureFunctionInvocations, TraceReport, undefined> {
    if (this.started) throw new Error('this Azure Functions invocations reader was already read; create a new one');
    this.started = true;
    return this.records();
  }

  /** Reads every row into an array: for small files and tests. */
  async toArray(): Promise<AzureFunctionInvocations[]> {
    const out: AzureFunctionInvocations[] = [];
    for await (const record of this) out.push(record);
    return out;
  }

  private async *records(): AsyncGenerator<AzureFunctionInvocations, TraceReport, undefined> {
    let keys: number[] | null = null;
    let minuteAt = 0;
    let minutes = 0;
    let firstMinute = 0;
    let width = 0;
    if (this.limit === 0) return this.report;
    for await (const raw of readTraceLines(this.source)) {
      const lineNumber = ++this.counts.lines;
      if (raw === '') continue;
      const line = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const fields = splitCsvLine(line);
      if (typeof fields === 'string') {
        this.reject(lineNumber, undefined, undefined, fields);
        continue;
      }
      if (keys === null) {
        ({ keys, minuteAt, minutes, firstMinute } = header(fields, lineNumber));
        width = fields.length;
        continue;
      }
      if (fields.length !== width) {
        this.reject(lineNumber, undefined, undefined, `expected ${width} columns, got ${fields.length}`);
        continue;
      }
      let bad = false;
      for (let k = 0; k < KEYS.length && !bad; k++) {
        if (fields[keys[k]!]!.trim() === '') {
          this.reject(lineNumber, keys[k]! + 1, KEYS[k], "expected a value, got ''");
          bad = true;
        }
      }
      if (bad) continue;
      const counts = new Array<number>(minutes);
      for (let m = 0; m < minutes; m++) {
        const text = fields[minuteAt + m]!.trim();
        if (!COUNT.test(text)) {
          this.reject(lineNumber, minuteAt + m + 1, String(firstMinute + m), `expected a whole count, got '${text}'`);
          bad = true;
          break;
        }
        counts[m] = Number(text);
      }
      if (bad) continue;
      this.counts.rows++;
      yield {
        kind: 'azure-functions-2019.invocations',
        owner: fields[keys[0]!]!,
        app: fields[keys[1]!]!,
        function: fields[keys[2]!]!,
        trigger: fields[keys[3]!]!,
        firstMinute,
        counts,
      };
      if (this.counts.rows >= this.limit) break;
    }
    return this.report;
  }

  private reject(line: number, column: number | undefined, field: string | undefined, reason: string): void {
    this.counts.malformed++;
    if (this.errors.length >= this.maxErrors) return;
    const where = column === undefined ? '' : `column ${column} (${field}): `;
    this.errors.push({ line, column, field, reason, message: `line ${line}: ${where}${reason}` });
  }
}

/** Where the key columns and the minute columns are: the minutes follow the keys, numbered consecutively. */
function header(fields: readonly string[], line: number) {
  const names = fields.map((f) => f.trim());
  const fail = (message: string): never => {
    throw new ConfigError([{ path: `line ${line}`, message }], 'Azure Functions 2019 invocations trace');
  };
  const keys = KEYS.map((k) => names.indexOf(k));
  const missing = KEYS.filter((_, i) => keys[i]! < 0);
  if (missing.length > 0) fail(`the header lacks ${missing.join(', ')} (expected ${KEYS.join(',')},1,…,1440)`);
  const minuteAt = Math.max(...keys) + 1;
  const minutes = names.length - minuteAt;
  if (minutes <= 0) fail('the header names no minute columns after the keys');
  const firstMinute = Number(names[minuteAt]);
  for (let m = 0; m < minutes; m++) {
    if (names[minuteAt + m] !== String(firstMinute + m)) {
      fail(`minute columns must be consecutive integers; column ${minuteAt + m + 1} is '${names[minuteAt + m]}'`);
    }
  }
  return { keys, minuteAt, minutes, firstMinute };
}

/** Streams an Azure Functions 2019 invocations-per-minute file; see {@link AzureInvocationsReader}. */
export function readAzureInvocations(source: TraceSource, options?: TraceReaderOptions): AzureInvocationsReader {
  return new AzureInvocationsReader(source, options);
}
