/** Lambda-style prices: what a user pays per request and per GB-second of memory held while working. */
export interface FunctionPrices {
  /** Per GB-second of a function's memory while its handler runs (on-demand). */
  readonly perGbSecond: number;
  /** Per invocation. */
  readonly perRequest: number;
  /** Execution time is rounded up to a multiple of this, ms (Lambda: 1 ms). */
  readonly billingUnitMs: number;
  /** Per GB-second of provisioned concurrency configured, whether used or not. */
  readonly provisionedPerGbSecond: number;
  /** Per GB-second of handler time on a provisioned instance (replaces `perGbSecond` there). */
  readonly provisionedDurationPerGbSecond: number;
  /** Provisioned concurrency is billed for enabled time rounded up to a multiple of this, ms (Lambda: 5 min). */
  readonly provisionedUnitMs: number;
  /** Each execution is billed at least this long, ms (Azure Consumption: 100 ms; Lambda: none). */
  readonly minimumBilledMs: number;
}

/**
 * A serverless platform's settings: what a preset (`lambda`, `openwhisk`, ...) fixes and a scenario
 * may override. Every figure in a preset names its source in platforms.ts.
 */
export interface FunctionPlatform {
  /** Stable name used in scenarios and reports. */
  readonly name: string;
  /** Memory a function may be given, MB (inclusive). */
  readonly memoryMb: { readonly min: number; readonly max: number; readonly default: number };
  /** The cpu (millicores) an instance of a function with this much memory gets. */
  cpuFor(memoryMb: number): number;
  /** Concurrent invocations one instance serves: the default and the most a function may ask for. */
  readonly concurrency: { readonly default: number; readonly max: number };
  /** Handler timeout, ms: the default and the most allowed. */
  readonly timeoutMs: { readonly default: number; readonly max: number };
  /** Fixed keep-alive of an idle instance, ms (the platform's own policy). */
  readonly keepAliveMs: number;
  /** An idle instance is paused (frozen) after this long, ms; Infinity: never. */
  readonly pauseAfterMs: number;
  /** Concurrent executions (busy or starting instances) across the account; Infinity: no limit. */
  readonly accountConcurrency: number;
  /** Executions that reserved concurrency must leave to the functions without a reservation. */
  readonly unreservedMinimum: number;
  /** New instances per function: at most `burst` per `periodMs`, refilled continuously; Infinity: unlimited. */
  readonly scaling: { readonly burst: number; readonly periodMs: number };
  /** Retries of an asynchronous invocation whose handler failed, and the wait before each. */
  readonly asyncRetries: { readonly attempts: number; readonly delaysMs: readonly number[] };
  /** Throttled asynchronous invocations are retried with a back-off from `minMs` doubling to `maxMs`, for at most `maxAgeMs`. */
  readonly asyncThrottle: { readonly minMs: number; readonly maxMs: number; readonly maxAgeMs: number };
  /** The public prices, or null where the sources give none (no user cost is reported then). */
  readonly prices: FunctionPrices | null;
  /**
   * How instances are added: `on-demand` starts one when an invocation finds no free slot (Lambda,
   * Azure, GCF, OpenWhisk, Fn); `knative` lets Knative's pod autoscaler decide every tick, and an
   * invocation that finds no free slot waits for one (the activator buffers it).
   */
  readonly autoscaler: 'on-demand' | 'knative';
}
