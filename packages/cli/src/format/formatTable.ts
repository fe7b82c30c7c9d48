/**
 * A plain-text table: a header row, a rule, then the rows; columns padded to their widest cell,
 * numbers-style right alignment where `align` says `'right'`. No trailing spaces.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ('left' | 'right')[] = [],
): string {
  const widths = header.map((title, j) => Math.max(title.length, ...rows.map((row) => (row[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((w, j) => {
        const cell = cells[j] ?? '';
        return align[j] === 'right' ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`;
}
