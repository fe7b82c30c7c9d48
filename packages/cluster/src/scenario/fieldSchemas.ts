// The field types scenarios are written in: names, text, bounded integers, named records, durations.
import { z } from 'zod';
import { MAX_DURATION, parseDuration } from '../quantities/parseDuration.js';
import { MAX_QUANTITY } from '../quantities/parseQuantity.js';
import { describeValue } from './describeValue.js';

/** Upper bounds that turn an absurd scenario into a clear error instead of an out-of-memory crash. */
export const LIMITS = {
  /** Hosts in the whole scenario (the sum of every entry's `count`). */
  hosts: 1_000_000,
  /** Containers the scenario creates up front: replicas, job tasks and standalone containers. */
  containers: 10_000_000,
  /** Replicas of one service. */
  replicas: 1_000_000,
  /** Labels on one host or container, entries in one node selector. */
  labels: 64,
  /** Resource names in one `capacity`, `requests` or `limits`. */
  extendedResources: 32,
  /** Characters in a name, a label key or a label value. */
  nameLength: 253,
  /** Points of a `percentiles` distribution. */
  percentilePoints: 10_000,
  /** Nesting of lists and objects in a scenario (a real one needs fewer than ten levels). */
  depth: 64,
  /** Characters of scenario text (YAML or JSON), checked before it is parsed. */
  documentLength: 64 * 1024 * 1024,
  /** One resource quantity once parsed, in millicores (cpu), MiB (memory) or units (see parseQuantity). */
  quantity: MAX_QUANTITY,
  /** One duration or simulated time, ms (about 31,700 years; see parseDuration). */
  duration: MAX_DURATION,
  /** A host's hourly cost, in the scenario's currency. */
  hourlyCost: 1e9,
} as const;

/**
 * Names that would reach `Object.prototype` when used as a key of a plain object. JSON.parse and the
 * YAML parser keep `__proto__` as an own key, but zod's records drop it silently, so parseScenario
 * also looks for it in the raw input.
 */
export const FORBIDDEN_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const NOT_FORBIDDEN = new RegExp(`^(?!(?:${FORBIDDEN_NAMES.join('|')})$)`);

/** A user-chosen name: a host, service, job, container, label key or resource. */
export const nameSchema = z
  .string({ error: (iss) => `expected a name, got ${describeValue(iss.input)}` })
  .min(1, 'expected a non-empty name')
  .max(LIMITS.nameLength, `expected a name of at most ${LIMITS.nameLength} characters`)
  .regex(NOT_FORBIDDEN, { error: (iss) => `'${String(iss.input)}' is not allowed as a name` });

/** Text with a length limit (label values, image names, keys that need not be names). */
export const textSchema = z
  .string({ error: (iss) => `expected text, got ${describeValue(iss.input)}` })
  .max(LIMITS.nameLength, `expected at most ${LIMITS.nameLength} characters`);

/** An integer in [min, max] with one message for every way it can be wrong. */
export function integer(min: number, max: number) {
  const error = (iss: { input?: unknown }) =>
    `expected an integer from ${min} to ${max}, got ${describeValue(iss.input)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A record keyed by user names, with at most `max` entries. */
export function namedRecord<T extends z.ZodType>(value: T, what: string, max?: number) {
  const record = z.record(nameSchema, value, { error: typeError(what) });
  if (max === undefined) return record;
  return record
    .check((ctx) => {
      const n = Object.keys(ctx.value).length;
      if (n > max)
        ctx.issues.push({
          code: 'custom',
          continue: true,
          message: `at most ${max} entries are allowed, got ${n}`,
          input: ctx.value,
        });
    })
    .meta({ maxProperties: max });
}

/** An error function for a container schema: says what was expected when the input is of the wrong type. */
export function typeError(what: string) {
  return (iss: { code?: string; input?: unknown }) =>
    iss.code === 'invalid_type' ? `expected ${what}, got ${describeValue(iss.input)}` : undefined;
}

export const DURATION_HINT = "a duration such as '250ms', '10s', '5m' or '2h', or a number of milliseconds";

/** A duration: milliseconds as a number, or text such as `250ms`, `10s`, `5m`, `2h`, `1m30s`. */
export const durationSchema = z
  .union([z.number(), z.string()], { error: (iss) => `expected ${DURATION_HINT}, got ${describeValue(iss.input)}` })
  .meta({
    id: 'duration',
    description: "Milliseconds, or text such as '250ms', '10s', '5m', '2h', '1d' or '1m30s'.",
    // Checks the text form in editors; a number is checked by `minimum`.
    pattern: '^\\s*([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+\\s*$',
    minimum: 0,
    maximum: MAX_DURATION,
  })
  .transform((input, ctx) => {
    const ms = parseDuration(input);
    if (typeof ms === 'string') {
      ctx.issues.push({ code: 'custom', continue: true, message: ms, input });
      return z.NEVER;
    }
    return ms;
  });

/**
 * A duration of at least `minMs` ms, `what` saying why in the message: a period of 0 makes the
 * simulation act again at the same instant, forever.
 */
export function durationAtLeast(minMs: number, what: string) {
  // A duration that failed to parse was reported already (its value is then not a number).
  return durationSchema.refine((ms) => typeof ms !== 'number' || ms >= minMs, {
    error: (iss) => `expected at least ${minMs} ms ${what}, got ${describeValue(iss.input)}`,
  });
}

/** A duration that may also be `forever` (long-running work). */
export const runDurationSchema = z
  .union([z.literal('forever'), durationSchema], {
    error: (iss) => `expected 'forever' or ${DURATION_HINT}, got ${describeValue(iss.input)}`,
  })
  .transform((v) => (v === 'forever' ? Number.POSITIVE_INFINITY : v));

const probabilityError = (iss: { input?: unknown }) =>
  `expected a cumulative probability from 0 to 1 (p99 is 0.99), got ${describeValue(iss.input)}`;

/**
 * Measured percentiles of a duration, such as a trace's p0/p50/p90/p99/p100: sampled by linear
 * interpolation of the inverse CDF between the points (the kernel's empiricalFromPercentiles). The
 * points run from p = 0 to p = 1 with p increasing and values never decreasing; nothing is extrapolated
 * beyond the first and last.
 */
const percentilesSchema = z
  .strictObject({
    dist: z.literal('percentiles'),
    points: z
      .array(
        z.strictObject({
          p: z
            .number({ error: probabilityError })
            .min(0, { error: probabilityError })
            .max(1, { error: probabilityError }),
          value: durationSchema,
        }),
        { error: typeError("a list of points such as [{ p: 0, value: '2ms' }, { p: 1, value: '90ms' }]") },
      )
      .min(2, 'expected at least two points: the minimum at p = 0 and the maximum at p = 1')
      .max(LIMITS.percentilePoints, `expected at most ${LIMITS.percentilePoints} points`),
  })
  .check((ctx) => {
    const points = ctx.value.points;
    // Too few points, or a p out of range, is reported already; the order of the others says nothing more.
    if (points.length < 2 || points.some((point) => !(point.p >= 0 && point.p <= 1))) return;
    const add = (path: PropertyKey[], message: string, input: unknown) =>
      ctx.issues.push({ code: 'custom', continue: true, path: ['points', ...path], message, input });
    points.forEach((point, i) => {
      if (i === 0) return;
      const before = points[i - 1]!;
      if (!(point.p > before.p))
        add([i, 'p'], `expected a p above points[${i - 1}].p (${before.p}), got ${point.p}`, point.p);
      if (!(point.value >= before.value)) {
        add(
          [i, 'value'],
          `expected at least points[${i - 1}].value (${before.value} ms), got ${point.value} ms`,
          point.value,
        );
      }
    });
    const first = points[0]!;
    const last = points[points.length - 1]!;
    if (first.p !== 0) add([0, 'p'], `expected 0: give the minimum as the first point, { p: 0, value }`, first.p);
    if (last.p !== 1) {
      add(
        [points.length - 1, 'p'],
        `expected 1: give the maximum (or a cap) as the last point, { p: 1, value }`,
        last.p,
      );
    }
  });

/** A duration > 0: a mean time between failures of 0 would put faults back to back at one instant forever. */
// A duration that failed to parse was reported already (its value is then not a number).
const positiveDurationSchema = durationSchema.refine((ms) => typeof ms !== 'number' || ms > 0, {
  error: 'expected a duration > 0',
});

/**
 * Weibull shapes below this are refused: a draw is scale × (−ln(1 − U))^(1/shape) with −ln(1 − U) at
 * most 36.8 for a 53-bit uniform U, so with shape >= 0.01 every draw is at most scale × 36.8^100, about
 * scale × 10^157, finite; a shape of 1e-300 drew Infinity. Measured shapes of time between failures
 * are between 0.5 and 3 (Schroeder & Gibson, DSN 2006: 0.7 to 0.8 for HPC nodes).
 */
export const MIN_WEIBULL_SHAPE = 0.01;

/**
 * Lognormal coefficients of variation above this are refused: sigma² = ln(1 + cv²) overflows for cv
 * near 1e154, and at cv = 1000 (sigma 3.7) a draw is already up to e^30 times the median.
 */
export const MAX_LOGNORMAL_CV = 1000;

/** A distribution of durations: `{ dist: 'exponential', mean: '6h' }` and the like. */
export const durationDistributionSchema = z.discriminatedUnion(
  'dist',
  [
    z.strictObject({ dist: z.literal('constant'), value: durationSchema }),
    z.strictObject({ dist: z.literal('exponential'), mean: positiveDurationSchema }),
    z.strictObject({ dist: z.literal('uniform'), min: durationSchema, max: positiveDurationSchema }).check((ctx) => {
      const { min, max } = ctx.value;
      if (min > max)
        ctx.issues.push({
          code: 'custom',
          continue: true,
          path: ['max'],
          message: `expected max >= min (${min} ms), got ${max} ms`,
          input: max,
        });
    }),
    z.strictObject({
      dist: z.literal('weibull'),
      scale: positiveDurationSchema,
      shape: z.number().min(MIN_WEIBULL_SHAPE).max(1_000_000),
    }),
    z.strictObject({
      dist: z.literal('lognormal'),
      mean: positiveDurationSchema,
      cv: z.number().positive().max(MAX_LOGNORMAL_CV),
    }),
    percentilesSchema,
  ],
  { error: typeError("a distribution of durations such as { dist: 'exponential', mean: '10ms' }") },
);

/**
 * The time between two failures of one host or container: a distribution of durations that cannot be 0
 * every time (a constant 0, or percentiles all at 0), which would put failures back to back at one instant
 * forever. Other durations (a start-up time, a think time) may well be 0.
 */
export const failureIntervalSchema = durationDistributionSchema.check((ctx) => {
  const d = ctx.value;
  const alwaysZero =
    (d.dist === 'constant' && d.value === 0) || (d.dist === 'percentiles' && d.points.every((p) => p.value === 0));
  if (alwaysZero) {
    ctx.issues.push({
      code: 'custom',
      continue: true,
      path: d.dist === 'constant' ? ['value'] : ['points'],
      message: 'expected a time between failures above 0 (failures 0 apart would repeat at one instant forever)',
      input: d,
    });
  }
});
