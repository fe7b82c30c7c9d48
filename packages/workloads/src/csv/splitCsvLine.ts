/**
 * Splits one CSV line into fields (RFC 4180 within a line: a field may be quoted, `""` is a quote
 * inside quotes). Trace rows never span lines, so a quote left open is an error: the reason is
 * returned as a string instead of the fields. Lines without quotes take the fast path of `split`.
 */
export function splitCsvLine(line: string): string[] | string {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    } else if (c === '"' && fieldStart) {
      quoted = true;
    } else {
      field += c;
    }
    fieldStart = false;
    i++;
  }
  if (quoted) return `column ${fields.length + 1}: a quoted field is not closed before the end of the line`;
  fields.push(field);
  return fields;
}
