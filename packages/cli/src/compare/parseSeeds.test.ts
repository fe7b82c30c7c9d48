import { describe, expect, it } from 'vitest';
import { parseSeeds } from './parseSeeds.js';
import { inShard, parseShard } from './parseShard.js';

describe('parseSeeds', () => {
  it.each([
    ['1-10', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ['3', [3]],
    ['1,2,5', [1, 2, 5]],
    ['1-3, 7, 10-11', [1, 2, 3, 7, 10, 11]],
    ['5,1-3,2', [5, 1, 2, 3]],
    ['-2-1', [-2, -1, 0, 1]],
  ])('%s → %j', (text, seeds) => {
    expect(parseSeeds('--seeds', text)).toEqual(seeds);
  });

  it.each(['', 'a', '1-', '3-1', '1.5', '1,,2'])("rejects '%s' naming the part", (text) => {
    expect(() => parseSeeds('--seeds', text)).toThrow(/^--seeds: expected seeds such as 1-10 or 1,2,5, got '/);
  });

  it('refuses a range too large to mean', () => {
    expect(() => parseSeeds('--seeds', '1-1000000')).toThrow("--seeds: at most 100000 seeds, got '1-1000000'");
  });
});

describe('parseShard', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('--shard', '2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('--shard', ' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3'])("rejects '%s'", (text) => {
    expect(() => parseShard('--shard', text)).toThrow(
      `--shard: expected i/n with 1 <= i <= n, such as 1/4, got '${text}'`,
    );
  });

  it('deals every pair to exactly one slice', () => {
    for (let count = 1; count <= 5; count++) {
      for (let k = 0; k < 23; k++) {
        const owners = [];
        for (let index = 1; index <= count; index++) if (inShard(k, { index, count })) owners.push(index);
        expect(owners).toEqual([(k % count) + 1]);
      }
    }
  });
});
