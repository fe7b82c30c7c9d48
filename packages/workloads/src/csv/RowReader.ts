/** Why one row of a trace was rejected, located by line and, where it applies, by column. */
export interface TraceRowError {
  /** 1-based line number in the (decompressed) file. */
  readonly line: number;
  /** 1-based column number, absent when the whole row is wrong (too few columns, an open quote). */
  readonly column?: number | undefined;
  /** The column's name in the trace's schema (`cpu_request`). */
  readonly field?: string | undefined;
  /** What was wrong, without the location: `expected a number, got 'x'`. */
  readonly reason: string;
  /** The whole message: `line 17: column 5 (cpu_request): expected a number, got 'x'`. */
  readonly message: string;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Typed access to the fields of one row, for a trace format's decoder. Each accessor names a column
 * of the format (by its index in the format's column list); the first bad value is remembered with
 * its column, and later accessors still return a placeholder so that a decoder needs no branching:
 * it builds its record and the reader drops it when {@link failed} is set. One instance is reused
 * for every row of a file.
 */
export class RowReader {
  private fields: readonly string[] = [];
  private error: { column: number; field: string; reason: string } | null = null;

  /**
   * @param columns the format's column names, for error messages.
   * @param positions where each format column sits in the row (the identity unless a header reordered them).
   */
  constructor(
    readonly columns: readonly string[],
    private readonly positions: readonly number[],
  ) {}

  /** Starts a new row. */
  reset(fields: readonly string[]): void {
    this.fields = fields;
    this.error = null;
  }

  /** True once any accessor met a bad value in this row. */
  get failed(): boolean {
    return this.error !== null;
  }

  /** The first problem of the row: the 1-based column in the row, the column's name and the reason. */
  get failure(): { readonly column: number; readonly field: string; readonly reason: string } | null {
    return this.error;
  }

  /** False when the file's header lacks the column (one of the format's `optionalColumns`). */
  has(column: number): boolean {
    return this.positions[column]! >= 0;
  }

  /** The raw text of a column ('' when empty or absent). */
  text(column: number): string {
    return this.fields[this.positions[column]!] ?? '';
  }

  /** A non-empty text. */
  required(column: number): string {
    const raw = this.text(column);
    if (raw === '') this.fail(column, "expected a value, got ''");
    return raw;
  }

  /** The text, or undefined when the column is empty. */
  optionalText(column: number): string | undefined {
    const raw = this.text(column);
    return raw === '' ? undefined : raw;
  }

  /** A finite decimal number. */
  number(column: number): number {
    const raw = this.text(column);
    if (!NUMBER.test(raw)) {
      this.fail(column, `expected a number, got '${raw}'`);
      return 0;
    }
    return Number(raw);
  }

  /** A finite decimal number, or undefined when the column is empty. */
  optionalNumber(column: number): number | undefined {
    return this.text(column) === '' ? undefined : this.number(column);
  }

  /** A finite decimal number >= 0. */
  nonNegative(column: number): number {
    const value = this.number(column);
    if (value < 0) this.fail(column, `expected a number >= 0, got ${value}`);
    return value;
  }

  /** An integer (which may exceed 2^53, then it is the nearest double: fine for times and sizes, not for ids). */
  integer(column: number): number {
    const raw = this.text(column);
    if (!INTEGER.test(raw)) {
      this.fail(column, `expected an integer, got '${raw}'`);
      return 0;
    }
    return Number(raw);
  }

  /** An integer, or undefined when the column is empty. */
  optionalInteger(column: number): number | undefined {
    return this.text(column) === '' ? undefined : this.integer(column);
  }

  /** An integer in [min, max]. */
  integerIn(column: number, min: number, max: number): number {
    const value = this.integer(column);
    if (!this.failed && (value < min || value > max))
      this.fail(column, `expected an integer in ${min}..${max}, got ${value}`);
    return value;
  }

  /** Records a problem with a column, unless the row already has one. */
  fail(column: number, reason: string): void {
    if (this.error === null) this.error = { column: this.positions[column]! + 1, field: this.columns[column]!, reason };
  }
}
