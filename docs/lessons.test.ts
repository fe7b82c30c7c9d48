import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// Every lesson has a picture (a diagram or a generated plot) whose file exists, and ends its questions
// with an answer the tests check: a "Try it" section linking a `-try.ts` example and quoting its saved
// output, which docs/examples.test.ts runs like every example.
const lessons = fileURLToPath(new URL('./lessons', import.meta.url));

describe.each(readdirSync(lessons).filter((f) => /^\d\d-.*\.md$/.test(f)))('lesson %s', (file) => {
  const text = readFileSync(join(lessons, file), 'utf8');

  test('has a picture', () => {
    const images = [...text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length, 'an image in the lesson').toBeGreaterThan(0);
    for (const image of images) expect(existsSync(join(lessons, image)), `${image} exists`).toBe(true);
  });

  test('answers its try-it questions with a tested example', () => {
    const start = text.search(/^## Try it/m);
    expect(start, 'a "## Try it" section').toBeGreaterThanOrEqual(0);
    const section = text.slice(start);
    const example = /\]\(\.\.\/examples\/([\w-]+-try)\.ts\)/.exec(section)?.[1];
    expect(example, 'a link to its answer, ../examples/<name>-try.ts').toBeDefined();
    const examples = join(dirname(lessons), 'examples');
    expect(existsSync(join(examples, `${example}.ts`))).toBe(true);
    expect(section).toContain(`<!-- output: ../examples/${example}.expected.txt -->`);
  });
});
