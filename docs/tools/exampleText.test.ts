import { describe, expect, it } from 'vitest';
import { exampleText } from './exampleText.js';

const source = [
  "import { x } from 'y';",
  '// #region outer',
  'function f() {',
  '  // #region inner',
  '  const a = 1;',
  '',
  '    return a;',
  '  // #endregion',
  '}',
  '// #endregion',
  '',
].join('\n');

describe('exampleText', () => {
  it('shows the whole file without region markers', () => {
    expect(exampleText(source)).toBe("import { x } from 'y';\nfunction f() {\n  const a = 1;\n\n    return a;\n}\n");
  });

  it('shows a region without nested markers', () => {
    expect(exampleText(source, 'outer')).toBe('function f() {\n  const a = 1;\n\n    return a;\n}\n');
  });

  it('removes the common indentation of a region, keeping blank lines', () => {
    expect(exampleText(source, 'inner')).toBe('const a = 1;\n\n  return a;\n');
  });

  it('names a missing or unclosed region', () => {
    expect(() => exampleText(source, 'nope')).toThrow("no line '// #region nope'");
    expect(() => exampleText('// #region open\nx\n', 'open')).toThrow("region 'open' has no matching");
  });
});
