import type { ArrivalProcess, Distribution } from '@berth/kernel';
import type { FunctionPlatform } from './FunctionPlatform.js';
import type { KeepAlivePolicy } from './KeepAlivePolicy.js';
import type { KnativeSettings } from './knativeAutoscaler.js';

/** One function as the platform runs it, parsed: units applied, the platform's defaults filled in. */
export interface FunctionSpec {
  readonly name: string;
  readonly memoryMb: number;
  /** Cpu an instance requests, millicores (the platform's share for the memory, unless given). */
  readonly cpu: number;
  readonly image: string;
  /** Image pull time on a host that does not have it, ms. */
  readonly pullMs: number;
  /** From the process starting to the runtime and the function's own initialisation being done, ms. */
  readonly startup: Distribution;
  /** The handler's run time per invocation, ms. */
  readonly handler: Distribution;
  /** Invocations one instance serves at once; Infinity for no limit (Knative's containerConcurrency 0). */
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** Reserved concurrency: the function's own cap and share of the account; Infinity when none. */
  readonly reserved: number;
  /** Instances kept started and warm from the beginning, never unloaded. */
  readonly provisioned: number;
  readonly mode: 'sync' | 'async';
  /** When invocations arrive; null: only those sent with `invoke`. */
  readonly arrivals: ArrivalProcess | null;
}

/** Everything the function controller runs, parsed. */
export interface FunctionSettings {
  /** The platform preset with the scenario's overrides applied. */
  readonly platform: FunctionPlatform;
  readonly functions: readonly FunctionSpec[];
  readonly keepAlive: KeepAlivePolicy<unknown>;
  /** A synchronous invocation over a limit is refused (`reject`, HTTP 429) or waits for room (`queue`). */
  readonly throttle: 'reject' | 'queue';
  /** Time to resume a paused instance before it serves, ms. */
  readonly resumeMs: number;
  /** The Knative pod autoscaler's settings (used when the platform's autoscaler is `knative`). */
  readonly knative: KnativeSettings;
  /** No invocation arrives at or after this time (the scenario's horizon). */
  readonly until: number;
}
