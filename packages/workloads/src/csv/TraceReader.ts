import { argumentError, ConfigError } from '@berth/kernel';
import { RowReader, type TraceRowError } from './RowReader.js';
import { readTraceLines, type TraceSource } from './readTraceLines.js';
import { splitCsvLine } from './splitCsvLine.js';
import type { TraceFormat } from './TraceFormat.js';

/** What a reader saw: rows turned into records, rows rejected, and the first rejections in full. */
export interface TraceReport {
  /** Records produced. */
  readonly rows: number;
  /** Rows rejected (each still counted, only the first few kept in {@link firstErrors}). */
  readonly malformed: number;
  readonly firstErrors: readonly TraceRowError[];
  /** Lines read, including the header, comments and blank lines. */
  readonly lines: number;
}

/** Options of every trace reader. */
export interface TraceReaderOptions {
  /** How many rejected rows to keep in full in the report (default 10); all are counted. */
  readonly maxErrors?: number | undefined;
  /** Stop after this many records (the rest of the file is not read). */
  readonly limit?: number | undefined;
}

const DEFAULT_MAX_ERRORS = 10;

/**
 * A trace table being read: iterate it (`for await`) for typed records, one row at a time, never
 * holding the file; read {@link report} during or after. A malformed row is counted and skipped and
 * reading goes on. The iterator's return value is the final report as well. A reader is read once.
 */
export class TraceReader<T> implements AsyncIterable<T> {
  private readonly counts = { rows: 0, malformed: 0, lines: 0 };
  private readonly errors: TraceRowError[] = [];
  private started = false;
  private readonly maxErrors: number;
  private readonly limit: number;

  constructor(
    readonly source: TraceSource,
    readonly format: TraceFormat<T>,
    options: TraceReaderOptions = {},
  ) {
    this.maxErrors = checkCount('maxErrors', options.maxErrors ?? DEFAULT_MAX_ERRORS);
    this.limit = checkCount('limit', options.limit ?? Number.POSITIVE_INFINITY);
  }

  /** The report so far (final once iteration has ended). */
  get report(): TraceReport {
    return { ...this.counts, firstErrors: [...this.errors] };
  }

  [Symbol.asyncIterator](): AsyncGenerator<T, TraceReport, undefined> {
    if (this.started) throw new Error(`this ${this.format.name} reader was already read; create a new one`);
    this.started = true;
    return this.records();
  }

  /** Reads every record into an array: for small tables and tests. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const record of this) out.push(record);
    return out;
  }

  private async *records(): AsyncGenerator<T, TraceReport, undefined> {
    const { format } = this;
    let row: RowReader | null =
      format.header === 'none'
        ? new RowReader(
            format.columns,
            format.columns.map((_, i) => i),
          )
        : null;
    let width = format.columns.length;
    if (this.limit === 0) return this.report;
    for await (const line of readTraceLines(this.source)) {
      const lineNumber = ++this.counts.lines;
      if (line === '' || (format.header === 'none' && line.startsWith('#'))) continue;
      const fields = splitCsvLine(lineNumber === 1 ? stripBom(line) : line);
      if (typeof fields === 'string') {
        this.reject(lineNumber, undefined, undefined, fields.replace(/^column \d+: /, ''), fields);
        continue;
      }
      if (row === null) {
        row = this.fromHeader(fields, lineNumber);
        width = fields.length;
        continue;
      }
      if (fields.length !== width) {
        const reason = `expected ${width} columns, got ${fields.length}`;
        this.reject(lineNumber, undefined, undefined, reason, reason);
        continue;
      }
      row.reset(fields);
      const record = format.decode(row);
      const failure = row.failure;
      if (failure !== null) {
        const where = `column ${failure.column} (${failure.field})`;
        this.reject(lineNumber, failure.column, failure.field, failure.reason, `${where}: ${failure.reason}`);
        continue;
      }
      this.counts.rows++;
      yield record;
      if (this.counts.rows >= this.limit) break;
    }
    return this.report;
  }

  private fromHeader(header: readonly string[], lineNumber: number): RowReader {
    const names = header.map((h) => h.trim());
    const optional = this.format.optionalColumns ?? [];
    const missing = this.format.columns.filter((c) => !names.includes(c) && !optional.includes(c));
    if (missing.length > 0) {
      throw new ConfigError(
        [
          {
            path: `line ${lineNumber}`,
            message: `the header lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (expected ${this.format.columns.join(',')})`,
          },
        ],
        `${this.format.name} trace`,
      );
    }
    return new RowReader(
      this.format.columns,
      this.format.columns.map((c) => names.indexOf(c)),
    );
  }

  private reject(
    line: number,
    column: number | undefined,
    field: string | undefined,
    reason: string,
    located: string,
  ): void {
    this.counts.malformed++;
    if (this.errors.length < this.maxErrors) {
      this.errors.push({ line, column, field, reason, message: `line ${line}: ${located}` });
    }
  }
}

/** Reads a CSV trace table of the given format; see {@link TraceReader}. */
export function readTrace<T>(
  source: TraceSource,
  format: TraceFormat<T>,
  options?: TraceReaderOptions,
): TraceReader<T> {
  return new TraceReader(source, format, options);
}

function stripBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}

function checkCount(name: string, value: number): number {
  if (!(value >= 0 && (Number.isInteger(value) || value === Number.POSITIVE_INFINITY))) {
    throw argumentError(name, `expected an integer >= 0, got ${value}`);
  }
  return value;
}
