import { argumentError } from '@berth/kernel';
import type { KeepAlivePolicy } from '../KeepAlivePolicy.js';

/**
 * Keeps every idle instance loaded for the same time, whatever the function's history: the policy of
 * the commercial platforms (about 10 min on AWS Lambda and 20 min on Azure Functions in "Serverless in
 * the Wild"; each preset's figure and source are in platforms.ts). Infinity keeps instances for ever.
 */
export function fixedKeepAlive(keepAliveMs: number): KeepAlivePolicy<null> {
  if (!(keepAliveMs >= 0)) throw argumentError('keepAliveMs', `expected a duration >= 0 ms, got ${keepAliveMs}`);
  return {
    name: 'fixed',
    createState: () => null,
    observe: () => {},
    windows: (_state, out) => {
      out.prewarmMs = 0;
      out.keepAliveMs = keepAliveMs;
    },
  };
}
