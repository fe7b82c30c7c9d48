import { z } from 'zod';
import { HYBRID_HISTOGRAM_DEFAULTS } from '../functions/keepAlive/hybridHistogram.js';
import { KNATIVE_DEFAULTS } from '../functions/knativeAutoscaler.js';
import { FUNCTION_PLATFORMS } from '../functions/platforms.js';
import { describeValue } from './describeValue.js';
import {
  durationDistributionSchema,
  durationSchema,
  integer,
  namedRecord,
  nameSchema,
  runDurationSchema,
} from './fieldSchemas.js';
import { arrivalsSchema, cpuSchema } from './trafficSchema.js';

/** Upper bounds of function settings: absurd values are errors, not out-of-memory crashes. */
export const FUNCTION_LIMITS = {
  /** Memory of one function, MB. */
  memoryMb: 1_048_576,
  /** Invocations one instance serves at once. */
  concurrency: 100_000,
  /** Reserved, provisioned or account concurrency. */
  concurrencyLimit: 10_000_000,
  /** Functions in one scenario. */
  functions: 100_000,
} as const;

const PLATFORM_NAMES = Object.keys(FUNCTION_PLATFORMS);

const share = (what: string) =>
  z
    .number({ error: (iss) => `expected ${what}: a number from 0 to 1, got ${describeValue(iss.input)}` })
    .min(0, { error: (iss) => `expected ${what}: a number from 0 to 1, got ${describeValue(iss.input)}` })
    .max(1, { error: (iss) => `expected ${what}: a number from 0 to 1, got ${describeValue(iss.input)}` });

const H = HYBRID_HISTOGRAM_DEFAULTS;

/** A built-in keep-alive policy with its parameters. */
const keepAliveObjectSchema = z.discriminatedUnion(
  'policy',
  [
    z.strictObject({
      policy: z.literal('fixed'),
      ttl: runDurationSchema
        .optional()
        .meta({ description: "How long an idle instance stays loaded (default: the platform's own figure)." }),
    }),
    z.strictObject({ policy: z.literal('none') }),
    z
      .strictObject({
        policy: z.literal('hybrid'),
        range: durationSchema.optional().meta({ description: 'Idle times binned up to this (paper: 4h).' }),
        bin: durationSchema.optional().meta({ description: 'Histogram bin width (paper: 1m).' }),
        head: share('the pre-warm percentile').optional().meta({ description: 'Pre-warm percentile (paper: 0.05).' }),
        tail: share('the keep-alive percentile')
          .optional()
          .meta({ description: 'Keep-alive percentile (paper: 0.99).' }),
        cvThreshold: z
          .number()
          .positive()
          .optional()
          .meta({ description: 'Representative when the CV of bin counts is at least this (paper: 2).' }),
        oobThreshold: share('the out-of-bounds share')
          .optional()
          .meta({ description: 'Forecast when this share of idle times exceeds the range (paper: 0.5).' }),
        margin: share('the histogram margin').optional().meta({ description: 'Histogram window margin (paper: 0.1).' }),
        forecastMargin: share('the forecast margin')
          .optional()
          .meta({ description: 'Half-width of the window around a forecast (paper: 0.15).' }),
      })
      .check((ctx) => {
        const h = ctx.value;
        const range = h.range ?? H.rangeMs;
        const issue = (path: string, message: string, input: unknown) =>
          ctx.issues.push({ code: 'custom', continue: true, path: [path], message, input });
        if (h.range !== undefined && h.range <= 0)
          issue('range', `expected a positive range, got ${h.range} ms`, h.range);
        if (h.bin !== undefined && !(h.bin > 0 && h.bin <= range)) {
          issue('bin', `expected a positive bin width of at most the range (${range} ms), got ${h.bin} ms`, h.bin);
        }
        if ((h.head ?? H.head) > (h.tail ?? H.tail)) {
          issue('head', `expected at most the tail percentile (${h.tail ?? H.tail}), got ${h.head}`, h.head);
        }
      }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? "expected a keep-alive policy: { policy: 'fixed', ttl: '10m' }, { policy: 'none' } or { policy: 'hybrid' }"
        : undefined,
  },
);

/** A keep-alive policy: a built-in one with its parameters, or the name of one given to createSimulation. */
const keepAliveSchema = z.union([nameSchema, keepAliveObjectSchema], {
  error: (iss) =>
    iss.code === 'invalid_union'
      ? `expected a keep-alive policy name or an object such as { policy: 'hybrid', range: '4h' }, got ${describeValue(iss.input)}`
      : undefined,
});

/** One function. */
export const functionSchema = z.strictObject({
  memory: integer(1, FUNCTION_LIMITS.memoryMb).optional().meta({
    description:
      "Memory in MB, as Lambda's MemorySize: a number, not a Kubernetes quantity (default: the platform's); on Lambda it also sets the cpu share.",
  }),
  cpu: cpuSchema.optional().meta({
    description: "Cpu an instance requests, in cores (0.5 or '500m'; default: the platform's share for the memory).",
  }),
  image: nameSchema.optional().meta({ description: 'The image (default: the function name).' }),
  pull: durationSchema
    .default(0)
    .meta({ description: "Image pull time on a host without it, when the image is not in 'images'." }),
  startup: durationDistributionSchema
    .default({ dist: 'constant', value: 0 })
    .meta({ description: "Runtime start-up: from the process starting to the function's initialisation done." }),
  handler: durationDistributionSchema.meta({ description: "The handler's run time per invocation." }),
  concurrency: integer(0, FUNCTION_LIMITS.concurrency)
    .optional()
    .meta({ description: "Invocations per instance at once (default: the platform's; 0: unlimited, Knative)." }),
  timeout: durationSchema.optional().meta({ description: "Handler timeout (default: the platform's)." }),
  reserved: integer(0, FUNCTION_LIMITS.concurrencyLimit)
    .optional()
    .meta({ description: "Reserved concurrency: the function's cap and its share of the account." }),
  provisioned: integer(0, FUNCTION_LIMITS.concurrencyLimit)
    .default(0)
    .meta({ description: 'Instances kept started and warm all along (billed).' }),
  mode: z
    .enum(['sync', 'async'])
    .default('sync')
    .meta({ description: 'sync: a throttled invocation is refused or queued; async: queued and retried.' }),
  invocations: arrivalsSchema.optional().meta({ description: 'When invocations arrive.' }),
});

const K = KNATIVE_DEFAULTS;

/** Knative's autoscaler settings (config-autoscaler), each defaulting to Knative's. */
const knativeSchema = z.strictObject({
  stableWindow: durationSchema.default(K.stableWindowMs).meta({ description: 'stable-window (60s), 6s to 1h.' }),
  panicWindowPercentage: z
    .number()
    .min(1)
    .max(100)
    .default(100 * K.panicWindowShare),
  panicThresholdPercentage: z
    .number()
    .gt(0)
    .default(100 * K.panicThreshold),
  targetPercentage: z
    .number()
    .gt(0)
    .max(100)
    .default(100 * K.targetShare),
  targetDefault: z.number().gt(0).default(K.defaultTarget),
  tick: durationSchema.default(K.tickMs),
  scaleToZeroGracePeriod: durationSchema.default(K.scaleToZeroGraceMs),
  maxScaleUpRate: z.number().gt(1).default(K.maxScaleUpRate),
  maxScaleDownRate: z.number().gt(0).default(K.maxScaleDownRate),
});

/** Serverless functions on the cluster: a platform preset, its policies and limits, and the functions. */
export const functionsSchema = z.strictObject({
  platform: z
    .string({ error: (iss) => `expected a platform name, got ${describeValue(iss.input)}` })
    .check((ctx) => {
      if (Object.hasOwn(FUNCTION_PLATFORMS, ctx.value)) return;
      ctx.issues.push({
        code: 'custom',
        continue: true,
        message: `unknown platform '${ctx.value}'; known: ${PLATFORM_NAMES.join(', ')}`,
        input: ctx.value,
      });
    })
    .default('lambda')
    .meta({ description: 'The platform preset (default lambda).', enum: PLATFORM_NAMES }),
  keepAlive: keepAliveSchema
    .optional()
    .meta({ description: "The keep-alive policy (default: fixed, for the platform's time)." }),
  pauseAfter: runDurationSchema
    .optional()
    .meta({ description: "An idle instance is paused after this ('forever': never; default: the platform's)." }),
  resume: durationSchema.default(0).meta({ description: 'Time to resume a paused instance (default 0).' }),
  accountConcurrency: integer(1, FUNCTION_LIMITS.concurrencyLimit)
    .optional()
    .meta({ description: "Concurrent executions across the account (default: the platform's; Lambda 1000)." }),
  scaling: z
    .strictObject({ burst: integer(1, FUNCTION_LIMITS.concurrencyLimit), period: durationSchema })
    .optional()
    .meta({ description: "New instances per function: at most 'burst' per 'period' (Lambda: 1000 per 10s)." }),
  throttle: z
    .enum(['reject', 'queue'])
    .default('reject')
    .meta({ description: 'A synchronous invocation over a limit is refused (429) or waits for room.' }),
  knative: knativeSchema.optional().meta({ description: "Knative's pod autoscaler (platform knative)." }),
  definitions: namedRecord(functionSchema, 'functions by name', FUNCTION_LIMITS.functions).meta({
    description: 'The functions, by name.',
  }),
});

type Issues = z.core.ParsePayload['issues'];

/** What the function checks read of a parsed scenario. */
interface FunctionParts {
  readonly horizon?: number | undefined;
  readonly functions?: z.output<typeof functionsSchema> | undefined;
}

/** Cross-field rules: memory, concurrency and timeout within the platform's ranges; reservations that fit the account. */
export function checkFunctions(scenario: FunctionParts, issues: Issues): void {
  const f = scenario.functions;
  if (f === undefined || !Object.hasOwn(FUNCTION_PLATFORMS, f.platform)) return;
  const add = (path: PropertyKey[], message: string) =>
    issues.push({ code: 'custom', path: ['functions', ...path], message, input: undefined });
  const p = FUNCTION_PLATFORMS[f.platform]!;
  const account = f.accountConcurrency ?? p.accountConcurrency;
  let reserved = 0;
  let unreservedProvisioned = 0;
  let arrivals = false;
  for (const [name, fn] of Object.entries(f.definitions)) {
    const at = (field: string) => ['definitions', name, field];
    if (fn.memory !== undefined && (fn.memory < p.memoryMb.min || fn.memory > p.memoryMb.max)) {
      add(at('memory'), `expected ${p.memoryMb.min} to ${p.memoryMb.max} MB on ${p.name}, got ${fn.memory}`);
    }
    if (fn.concurrency !== undefined) {
      const min = p.autoscaler === 'knative' ? 0 : 1;
      if (fn.concurrency < min || fn.concurrency > p.concurrency.max) {
        add(at('concurrency'), `expected ${min} to ${p.concurrency.max} on ${p.name}, got ${fn.concurrency}`);
      }
    }
    if (fn.timeout !== undefined && (fn.timeout <= 0 || fn.timeout > p.timeoutMs.max)) {
      add(at('timeout'), `expected more than 0 and at most ${p.timeoutMs.max} ms on ${p.name}, got ${fn.timeout}`);
    }
    if (fn.reserved !== undefined) {
      reserved += fn.reserved;
      if (fn.provisioned > fn.reserved) {
        add(at('provisioned'), `expected at most the reserved concurrency (${fn.reserved}), got ${fn.provisioned}`);
      }
    } else unreservedProvisioned += fn.provisioned;
    if (fn.invocations !== undefined) arrivals = true;
  }
  if (reserved > 0 && reserved > account - p.unreservedMinimum) {
    add(
      ['definitions'],
      `reserved concurrency adds up to ${reserved}; the account allows ${account}, of which ${p.unreservedMinimum} must stay unreserved on ${p.name}`,
    );
  } else if (unreservedProvisioned > account - reserved) {
    add(
      ['definitions'],
      `provisioned concurrency of functions without a reservation adds up to ${unreservedProvisioned}, more than the ${account - reserved} unreserved`,
    );
  }
  if (arrivals && scenario.horizon === undefined) {
    add(['definitions'], 'invocations need a horizon: they would arrive for ever and a run would never end');
  }
}
