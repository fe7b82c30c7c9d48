import { describe, expect, it } from 'vitest';
import { firstDifference } from './firstDifference.js';

describe('firstDifference', () => {
  it('is undefined for equal texts', () => {
    expect(firstDifference('', '')).toBeUndefined();
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
  });

  it('names the line and column of the first differing character, with both lines', () => {
    expect(firstDifference('a\nbcd\ne\n', 'a\nbxd\ne\n')).toEqual({
      line: 2,
      column: 2,
      expected: 'bcd\n',
      actual: 'bxd\n',
    });
    // The very first character, and a text whose first line is empty.
    expect(firstDifference('x\n', 'y\n')).toEqual({ line: 1, column: 1, expected: 'x\n', actual: 'y\n' });
    expect(firstDifference('\nx', '\ny')).toEqual({ line: 2, column: 1, expected: 'x', actual: 'y' });
  });

  it('says which text ends first, and shows a missing final newline', () => {
    expect(firstDifference('a\nb\n', 'a\nb\nc\n')).toEqual({ line: 3, column: 1, expected: undefined, actual: 'c\n' });
    expect(firstDifference('a\nb\nc\n', 'a\n')).toEqual({ line: 2, column: 1, expected: 'b\n', actual: undefined });
    expect(firstDifference('a\n', 'a')).toEqual({ line: 1, column: 2, expected: 'a\n', actual: 'a' });
    expect(firstDifference('', 'a')).toEqual({ line: 1, column: 1, expected: undefined, actual: 'a' });
  });

  it('finds a difference deep in a long text', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `{"at":${i},"type":"container.started"}`);
    const changed = [...lines];
    changed[76_543] = '{"at":76543,"type":"container.ready"}';
    const difference = firstDifference(`${lines.join('\n')}\n`, `${changed.join('\n')}\n`);
    expect(difference).toEqual({
      line: 76_544,
      column: 31, // after `{"at":76543,"type":"container.`
      expected: '{"at":76543,"type":"container.started"}\n',
      actual: '{"at":76543,"type":"container.ready"}\n',
    });
  });
});
