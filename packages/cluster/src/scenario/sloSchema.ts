import { z } from 'zod';
import { describeValue } from './describeValue.js';
import { durationSchema } from './fieldSchemas.js';

/** The window an objective is judged over by default: one minute, as most SLO dashboards plot it. */
export const SLO_DEFAULT_WINDOW = 60_000;

const percentileSchema = z
  .number({ error: (iss) => `expected a percentile above 0 and at most 100, got ${describeValue(iss.input)}` })
  .refine((p) => p > 0 && p <= 100, {
    error: (iss) => `expected a percentile above 0 and at most 100, got ${describeValue(iss.input)}`,
  })
  .meta({ description: 'The latency percentile judged, in (0, 100]: 99 for p99.' });

const thresholdSchema = durationSchema
  .refine((ms) => ms > 0, {
    error: (iss) => `expected a latency threshold above 0, got ${describeValue(iss.input)}`,
  })
  .meta({ description: "The most that percentile may be: '1s', '250ms'." });

/**
 * A service-level objective of a service that answers requests, judged window by window: in each
 * window in which some of its requests finished, the `percentile` of the latencies of the requests it
 * answered must be at most `threshold`, and the requests that failed for good must be at most
 * `errorRatio` of those that finished. A window that breaks either is in violation.
 */
export const sloSchema = z
  .strictObject({
    latency: z
      .strictObject({ percentile: percentileSchema, threshold: thresholdSchema })
      .optional()
      .meta({ description: "A latency objective: { percentile: 99, threshold: '1s' } (p99 at most 1 s)." }),
    errorRatio: z
      .number({
        error: (iss) => `expected a fraction of at least 0 and below 1, got ${describeValue(iss.input)}`,
      })
      .refine((r) => r >= 0 && r < 1, {
        error: (iss) => `expected a fraction of at least 0 and below 1, got ${describeValue(iss.input)}`,
      })
      .optional()
      .meta({
        description: "An error objective: at most this fraction of a window's finished requests fail (0.01 for 1 %).",
      }),
    window: durationSchema
      .refine((ms) => ms > 0, {
        error: (iss) => `expected a window above 0, got ${describeValue(iss.input)}`,
      })
      .default(SLO_DEFAULT_WINDOW)
      .meta({ description: 'Each window is judged on its own (default 1m).' }),
  })
  .check((ctx) => {
    const slo = ctx.value;
    if (slo.latency === undefined && slo.errorRatio === undefined) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: [],
        message: "give an objective: 'latency' ({ percentile, threshold }), 'errorRatio', or both",
        input: slo,
      });
    }
  })
  .transform(
    (s): SloSpec => ({
      latency: s.latency === undefined ? null : { percentile: s.latency.percentile, thresholdMs: s.latency.threshold },
      errorRatio: s.errorRatio ?? null,
      windowMs: s.window,
    }),
  );

/** A service's objective, parsed (see `sloSchema`). */
export interface SloSpec {
  /** The latency objective: the `percentile` of a window's answered requests at most `thresholdMs`; null without. */
  readonly latency: { readonly percentile: number; readonly thresholdMs: number } | null;
  /** The most a window's failed requests may be of its finished ones; null without. */
  readonly errorRatio: number | null;
  /** Length of a judged window, ms. */
  readonly windowMs: number;
}

type Issues = z.core.ParsePayload['issues'];

/** What the SLO check reads of a parsed scenario. */
interface SloParts {
  readonly services: Readonly<Record<string, { readonly slo?: SloSpec | undefined }>>;
  readonly requests: Readonly<Record<string, { readonly service: string }>>;
}

/** An objective needs requests to judge: the service must answer some request type. */
export function checkSlo(scenario: SloParts, issues: Issues): void {
  const served = new Set(Object.values(scenario.requests).map((r) => r.service));
  for (const [name, service] of Object.entries(scenario.services)) {
    if (service.slo === undefined || served.has(name)) continue;
    issues.push({
      code: 'custom',
      path: ['services', name, 'slo'],
      message: `service '${name}' answers no request type, so an objective has no requests to judge: give it one in 'requests'`,
      input: undefined,
    });
  }
}
