import { describe, expect, it } from 'vitest';
import type { GoldenCase, GoldenDirectory } from './GoldenDirectory.js';

/**
 * Declares one test per case, which runs it and fails with the first differing line of each golden
 * file it does not reproduce exactly, and one test that every file in the directory belongs to a case.
 */
export function testGoldens(title: string, directory: GoldenDirectory, cases: readonly GoldenCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s reproduces its golden files', async (_, goldenCase) => {
      const mismatches = await directory.check(goldenCase);
      if (mismatches.length > 0) expect.fail(mismatches.join('\n\n'));
    });

    it('holds no golden file without a case', () => {
      expect(
        directory.strays(cases),
        `golden files that no case records; \`${directory.updateCommand}\` removes them`,
      ).toEqual([]);
    });
  });
}
