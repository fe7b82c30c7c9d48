// XXH32's five primes, from the published algorithm.
const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(acc: number, lane: number): number {
  return Math.imul(rotl((acc + Math.imul(lane, PRIME2)) | 0, 13), PRIME1);
}

function avalanche(h: number): number {
  let x = h;
  x = Math.imul(x ^ (x >>> 15), PRIME2);
  x = Math.imul(x ^ (x >>> 13), PRIME3);
  return (x ^ (x >>> 16)) >>> 0;
}

function word(bytes: Uint8Array, i: number): number {
  return bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
}

/**
 * xxHash32 (Yann Collet's XXH32) of `bytes` with `seed` (an unsigned 32-bit integer, default 0): the
 * 32-bit variant of the hash Envoy's ring hash and Maglev use by default (Envoy uses XXH64). Written
 * from the published algorithm: 16-byte stripes in four lanes, then 4-byte words, then single bytes,
 * then the avalanche; 32-bit integer arithmetic (`Math.imul`), no allocation. Returns an unsigned
 * 32-bit integer.
 */
export function xxHash32(bytes: Uint8Array, seed = 0): number {
  const n = bytes.length;
  let i = 0;
  let h: number;
  if (n >= 16) {
    let v1 = (seed + PRIME1 + PRIME2) | 0;
    let v2 = (seed + PRIME2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - PRIME1) | 0;
    for (; i + 16 <= n; i += 16) {
      v1 = round(v1, word(bytes, i));
      v2 = round(v2, word(bytes, i + 4));
      v3 = round(v3, word(bytes, i + 8));
      v4 = round(v4, word(bytes, i + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = (seed + PRIME5) | 0;
  }
  h = (h + n) | 0;
  for (; i + 4 <= n; i += 4) h = Math.imul(rotl((h + Math.imul(word(bytes, i), PRIME3)) | 0, 17), PRIME4);
  for (; i < n; i++) h = Math.imul(rotl((h + Math.imul(bytes[i]!, PRIME5)) | 0, 11), PRIME1);
  return avalanche(h);
}

/** XXH32 of a 32-bit integer as its four bytes, little-endian (what `xxHash32` gives for them), without allocating. */
export function xxHash32OfInt(value: number, seed = 0): number {
  let h = (seed + PRIME5 + 4) | 0;
  h = Math.imul(rotl((h + Math.imul(value | 0, PRIME3)) | 0, 17), PRIME4);
  return avalanche(h);
}

const encoder = new TextEncoder();

/** XXH32 of a string's UTF-8 bytes. */
export function xxHash32OfText(text: string, seed = 0): number {
  return xxHash32(encoder.encode(text), seed);
}
