import { describe, expect, it } from 'vitest';
import { xxHash32, xxHash32OfInt, xxHash32OfText } from './xxHash32.js';

// Reference digests from the xxHash library itself (libxxhash 0.8.1, XXH32), covering the short path
// (< 16 bytes: words then bytes), the striped path (>= 16 bytes) and a non-zero seed.
describe('xxHash32', () => {
  it.each([
    ['', 0, 0x02cc5d05],
    ['a', 0, 0x550d7456],
    ['abc', 0, 0x32d153ff],
    ['web-0_0', 0, 0x99412312],
    ['Nobody inspects the spammish repetition', 0, 0xe2293b2f],
    ['0123456789abcdef0123', 1, 0xfa9d2144],
  ])('XXH32(%j, seed %i) = %i', (text, seed, digest) => {
    expect(xxHash32OfText(text, seed)).toBe(digest);
    expect(xxHash32(new TextEncoder().encode(text), seed)).toBe(digest);
  });

  it('hashes an integer as its four little-endian bytes', () => {
    expect(xxHash32OfInt(1)).toBe(0xf3bb7693);
    expect(xxHash32OfInt(0x12345678, 7)).toBe(0xd7c2e99a);
    expect(xxHash32OfInt(0x12345678, 7)).toBe(xxHash32(new Uint8Array([0x78, 0x56, 0x34, 0x12]), 7));
  });
});
