import { invalidParameter } from './invalidParameter.js';
import { RandomStream } from './RandomStream.js';

/**
 * The root of a simulation's randomness: one seed, from which every named stream derives. Pass it
 * (or streams taken from it) to whatever needs random numbers; nothing in Berth draws from an ambient source.
 */
export interface RandomSource {
  /** The root seed as a string; a numeric seed 42 and the string '42' are the same seed. */
  readonly seed: string;
  /**
   * A new stream at its start, seeded from (seed, name) only: the same name always gives the same
   * sequence, and streams of different names are independent whatever order they are drawn in.
   */
  stream(name: string): RandomStream;
}

/** Creates the random source for a seed (a string, or a finite number used as its decimal string). */
export function createRandom(seed: string | number): RandomSource {
  let root: string;
  if (typeof seed === 'string') root = seed;
  else if (typeof seed === 'number' && Number.isFinite(seed)) root = String(seed);
  else throw invalidParameter('seed', 'a string or a finite number', seed);
  return Object.freeze({
    seed: root,
    stream(name: string): RandomStream {
      if (typeof name !== 'string' || name === '') throw invalidParameter('name', 'a non-empty string', name);
      return new RandomStream(root, [name]);
    },
  });
}
