import { argumentError } from '@berth/kernel';
import type { KeepAlivePolicy, KeepAliveWindows } from '../KeepAlivePolicy.js';

/**
 * Keeps every idle instance loaded for the same time, whatever the function's history: the policy of
 * the commercial platforms (about 10 min on AWS Lambda and 20 min on Azure Functions in "Serverless in
 * the Wild"; each preset's figure and source are in platforms.ts). Infinity keeps instances for ever.
 */
export function fixedKeepAlive(keepAliveMs: number): KeepAlivePolicy<null> {
  if (!(keepAliveMs >= 0)) throw argumentError('keepAliveMs', `expected a duration >= 0 ms, got ${keepAliveMs}`);
  return new FixedKeepAlive(keepAliveMs);
}

/**
 * The policy as a class: its methods are the same functions in every simulation, so the controller's
 * optimised code, which calls them on every invocation, does not depend on one simulation's closures.
 */
class FixedKeepAlive implements KeepAlivePolicy<null> {
  readonly name = 'fixed';

  constructor(private readonly keepAliveMs: number) {}

  createState(): null {
    return null;
  }

  observe(): void {}

  windows(_state: null, out: KeepAliveWindows): void {
    out.prewarmMs = 0;
    out.keepAliveMs = this.keepAliveMs;
  }
}
