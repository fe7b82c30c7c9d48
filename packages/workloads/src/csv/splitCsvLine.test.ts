import { describe, expect, it } from 'vitest';
import { splitCsvLine } from './splitCsvLine.js';

describe('splitCsvLine', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['0,,3418309,0,,,,', ['0', '', '3418309', '0', '', '', '', '']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['"",x', ['', 'x']],
    ['a"b,c', ['a"b', 'c']],
  ])('%s', (line, fields) => {
    expect(splitCsvLine(line)).toEqual(fields);
  });

  it('reports a quote left open instead of fields', () => {
    expect(splitCsvLine('a,"b,c')).toBe('column 2: a quoted field is not closed before the end of the line');
  });
});
