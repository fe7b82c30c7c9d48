import type { FunctionPlatform, FunctionPrices } from './FunctionPlatform.js';

// Every figure below names its public source; "[unconfirmed]" marks a figure the sources did not give
// and Berth assumes (docs/reference/functions.md lists them). Memory is in MB, treated as MiB of host
// memory (Lambda's "MB" are binary: 1,024 MB make the GB it bills).

const MINUTE = 60_000;
const NO_SCALING_LIMIT = { burst: Number.POSITIVE_INFINITY, periodMs: 1000 } as const;
/** Lambda's asynchronous retries (docs "How Lambda handles errors and retries with asynchronous invocation"). */
const LAMBDA_ASYNC = {
  asyncRetries: { attempts: 2, delaysMs: [1 * MINUTE, 2 * MINUTE] },
  // Throttled events go back to the queue, retried from 1 s doubling to 5 min, kept for 6 h (same page).
  asyncThrottle: { minMs: 1000, maxMs: 5 * MINUTE, maxAgeMs: 6 * 60 * MINUTE },
} as const;

/** What a preset has unless it says otherwise: no pausing, no account or scaling limit, no known prices. */
const UNLIMITED = {
  pauseAfterMs: Number.POSITIVE_INFINITY,
  accountConcurrency: Number.POSITIVE_INFINITY,
  unreservedMinimum: 0,
  scaling: NO_SCALING_LIMIT,
  ...LAMBDA_ASYNC,
  prices: null,
  autoscaler: 'on-demand',
} as const;

/** AWS Lambda x86 in us-east-1 (Lambda pricing page and the AWS pricing whitepaper). */
export const LAMBDA_PRICES: FunctionPrices = {
  perGbSecond: 0.0000166667,
  perRequest: 0.2 / 1_000_000,
  // Billed per 1 ms, rounded up, since December 2020.
  billingUnitMs: 1,
  // Provisioned concurrency: capacity per GB-s, duration per GB-s on it; enabled time rounded up to 5 min.
  provisionedPerGbSecond: 0.0000041667,
  provisionedDurationPerGbSecond: 0.0000097222,
  provisionedUnitMs: 5 * MINUTE,
  minimumBilledMs: 0,
};

/**
 * AWS Lambda: 128–10,240 MB, default 128 MB, one vCPU per 1,769 MB ("Configure Lambda function
 * memory"); one invocation per execution environment; timeout 3 s by default, 900 s at most ("Lambda
 * quotas"); 1,000 concurrent executions per Region, and reserved concurrency must leave 100 unreserved
 * (`PutFunctionConcurrency`); each function scales by 1,000 environments every 10 s ("Lambda scaling
 * behavior", Nov 2023). Idle environments live a non-deterministic time: 10 min, the figure "Serverless
 * in the Wild" (ATC 2020) and Shilkov's 2019 measurements give (5–7 min measured in 2021).
 */
export const LAMBDA: FunctionPlatform = {
  name: 'lambda',
  memoryMb: { min: 128, max: 10_240, default: 128 },
  cpuFor: (memoryMb) => Math.round((memoryMb * 1000) / 1769),
  concurrency: { default: 1, max: 1 },
  timeoutMs: { default: 3000, max: 900_000 },
  keepAliveMs: 10 * MINUTE,
  pauseAfterMs: Number.POSITIVE_INFINITY,
  accountConcurrency: 1000,
  unreservedMinimum: 100,
  scaling: { burst: 1000, periodMs: 10_000 },
  ...LAMBDA_ASYNC,
  prices: LAMBDA_PRICES,
  autoscaler: 'on-demand',
};

/**
 * Azure Functions, Consumption plan: at most 1.5 GB and 100 ACU (about one core) per instance, 200
 * instances (Windows), timeout 5 min by default and 10 min at most, at most one new instance per
 * second for HTTP triggers (MicrosoftDocs functions-limits, event-driven-scaling). Idle instances live
 * about 20 min (Shilkov 2019; "Serverless in the Wild"). $0.000016 per GB-s and $0.20 per million
 * executions (secondary: a gist by an Azure PM), at least 100 ms per execution [unconfirmed]. Many
 * executions may share an instance, but the per-instance default is not in the sources: Berth runs one
 * unless a function says otherwise.
 */
export const AZURE_CONSUMPTION: FunctionPlatform = {
  ...UNLIMITED,
  name: 'azure-consumption',
  memoryMb: { min: 128, max: 1536, default: 1536 },
  cpuFor: () => 1000,
  concurrency: { default: 1, max: 1000 },
  timeoutMs: { default: 5 * MINUTE, max: 10 * MINUTE },
  keepAliveMs: 20 * MINUTE,
  accountConcurrency: 200,
  scaling: { burst: 1, periodMs: 1000 },
  prices: {
    perGbSecond: 0.000016,
    perRequest: 0.2 / 1_000_000,
    billingUnitMs: 1,
    provisionedPerGbSecond: 0,
    provisionedDurationPerGbSecond: 0.000016,
    provisionedUnitMs: 1,
    minimumBilledMs: 100,
  },
};

/** Google Cloud Functions (1st gen) memory tiers and the vCPU each gets ("Configure memory", 1st gen). */
const GCF_TIERS: ReadonlyArray<readonly [number, number]> = [
  [128, 83],
  [256, 167],
  [512, 333],
  [1024, 583],
  [2048, 1000],
  [4096, 2000],
  [8192, 2000],
];

/**
 * Google Cloud Functions 1st gen: memory tiers 128 MB–8 GB (default 256 MB) with the vCPU of the tier
 * at or above; one request per instance; 3,000 instances at most by default ("Configure maximum
 * instances (1st gen)"). Idle instances are kept "for an unspecified amount of time": 15 min measured
 * (Shilkov 2021). Timeout 60 s by default, 540 s at most [unconfirmed]. Prices are not in the sources.
 */
export const GCF_GEN1: FunctionPlatform = {
  ...UNLIMITED,
  name: 'gcf-gen1',
  memoryMb: { min: 128, max: 8192, default: 256 },
  cpuFor: (memoryMb) => (GCF_TIERS.find(([mb]) => mb >= memoryMb) ?? GCF_TIERS.at(-1)!)[1],
  concurrency: { default: 1, max: 1 },
  timeoutMs: { default: 60_000, max: 540_000 },
  keepAliveMs: 15 * MINUTE,
  accountConcurrency: 3000,
};

/**
 * Cloud Run: 80 concurrent requests per instance by default, up to 1,000 ("Maximum concurrent requests
 * for services"). Idle instances are kept up to 15 min [unconfirmed]; 1 vCPU per instance, 512 MiB by
 * default and a 300 s timeout are Cloud Run's documented defaults but were not retrieved [unconfirmed].
 */
export const CLOUD_RUN: FunctionPlatform = {
  ...UNLIMITED,
  name: 'cloud-run',
  memoryMb: { min: 128, max: 32_768, default: 512 },
  cpuFor: () => 1000,
  concurrency: { default: 80, max: 1000 },
  timeoutMs: { default: 300_000, max: 3_600_000 },
  keepAliveMs: 15 * MINUTE,
};

/**
 * Apache OpenWhisk (apache/openwhisk application.conf and ContainerProxy.scala): actions of 128–512 MB,
 * 256 MB by default; time limit 100 ms–5 min, 60 s by default; one activation per container; a
 * container idle for `pause-grace` (10 s) is paused, and one paused for `idle-container` (10 min) is
 * removed. Invokers admit containers by memory only (`user-memory`), so an instance requests no cpu.
 */
export const OPENWHISK: FunctionPlatform = {
  ...UNLIMITED,
  name: 'openwhisk',
  memoryMb: { min: 128, max: 512, default: 256 },
  cpuFor: () => 0,
  concurrency: { default: 1, max: 1 },
  timeoutMs: { default: 60_000, max: 5 * MINUTE },
  keepAliveMs: 10_000 + 10 * MINUTE,
  pauseAfterMs: 10_000,
};

/**
 * Oracle Fn (fnproject/fn api/models/fn.go, api/agent): memory 128 MB by default, 8 GB at most;
 * timeout 30 s by default, 300 s at most; a hot container runs one call at a time, is frozen after
 * `FreezeIdle` (50 ms) and shut down after the function's `idle_timeout` (30 s). Fn places by memory.
 */
export const FN: FunctionPlatform = {
  ...UNLIMITED,
  name: 'fn',
  memoryMb: { min: 1, max: 8192, default: 128 },
  cpuFor: () => 0,
  concurrency: { default: 1, max: 1 },
  timeoutMs: { default: 30_000, max: 300_000 },
  keepAliveMs: 30_000,
  pauseAfterMs: 50,
};

/**
 * Knative Serving with its pod autoscaler (KPA; knative/serving pkg/autoscaler/config): instances come
 * and go by the KPA's per-tick decision, not per request (see knativeAutoscaler.ts), and scale to zero
 * after the 30 s grace period. Concurrency per instance is `containerConcurrency`, 0 (unlimited) by
 * default, for which the KPA targets 100 × 70%. Revision timeout 300 s [unconfirmed].
 */
export const KNATIVE: FunctionPlatform = {
  ...UNLIMITED,
  name: 'knative',
  memoryMb: { min: 1, max: 1_048_576, default: 512 },
  cpuFor: () => 0,
  concurrency: { default: 0, max: 1000 },
  timeoutMs: { default: 300_000, max: 3_600_000 },
  keepAliveMs: 30_000,
  autoscaler: 'knative',
};

/** The platform presets a scenario's `functions.platform` may name. */
export const FUNCTION_PLATFORMS: Readonly<Record<string, FunctionPlatform>> = {
  lambda: LAMBDA,
  'azure-consumption': AZURE_CONSUMPTION,
  'gcf-gen1': GCF_GEN1,
  'cloud-run': CLOUD_RUN,
  openwhisk: OPENWHISK,
  fn: FN,
  knative: KNATIVE,
};
