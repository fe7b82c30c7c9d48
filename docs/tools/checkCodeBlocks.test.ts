import { describe, expect, it } from 'vitest';
import { checkCodeBlocks, type ReadText } from './checkCodeBlocks.js';

const files: Record<string, string> = {
  '/docs/examples/a.ts': "const a = 1;\n// #region two\nconsole.log('two');\n// #endregion\n",
  '/docs/examples/a.expected.txt': 'one\ntwo\nthree\n',
};
const read: ReadText = (path) => files[path];
const check = (markdown: string) => checkCodeBlocks(markdown, '/docs/lessons/page.md', read);

describe('checkCodeBlocks', () => {
  it('accepts whole files, regions, outputs and untied shell blocks', () => {
    const markdown = [
      '<!-- example: ../examples/a.ts -->',
      '```ts',
      'const a = 1;',
      "console.log('two');",
      '```',
      '<!-- example: ../examples/a.ts#two -->',
      '```ts',
      "console.log('two');",
      '```',
      '<!-- output: ../examples/a.expected.txt -->',
      '```text',
      'one',
      'two',
      'three',
      '```',
      '<!-- output: ../examples/a.expected.txt#2-3 -->',
      '```text',
      'two',
      'three',
      '```',
      '<!-- output: ../examples/a.expected.txt#1 -->',
      '```text',
      'one',
      '```',
      '```sh',
      'pnpm test',
      '```',
    ].join('\n');
    expect(check(markdown)).toEqual([]);
  });

  it('rejects a TypeScript block with no marker, and an untagged block', () => {
    const issues = check('text\n\n```ts\nlet x = 1;\n```\n\n```\nplain\n```\n');
    expect(issues.map((issue) => issue.line)).toEqual([3, 7]);
    expect(issues[0]?.message).toContain('not tied to a tested example');
    expect(issues[1]?.message).toContain('give this code block a language');
  });

  it('reports the first differing line of a drifted block', () => {
    const issues = check('<!-- example: ../examples/a.ts#two -->\n```ts\nconsole.log(2);\n```\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain(`the file has "console.log('two');", the block has "console.log(2);"`);
  });

  it('reports missing files, missing regions, stray markers and unclosed fences', () => {
    expect(check('<!-- example: ../examples/b.ts -->\n```ts\nx\n```\n')[0]?.message).toContain('does not exist');
    expect(check('<!-- example: ../examples/a.ts#zz -->\n```ts\nx\n```\n')[0]?.message).toContain("'// #region zz'");
    expect(check('<!-- example: ../examples/a.ts -->\n\n```ts\nconst a = 1;\n```\n').map((i) => i.line)).toEqual([
      1, 3,
    ]);
    expect(check('<!-- output: ../examples/a.expected.txt#2-4 -->\n```text\ntwo\n```\n')[0]?.message).toContain(
      'not a line range',
    );
    expect(check('```sh\nls\n')).toEqual([{ line: 1, message: 'this code fence is never closed' }]);
  });
});
