import { z } from 'zod';
import { scenarioSchema } from './scenarioSchema.js';

/**
 * The scenario schema as JSON Schema (draft 2020-12), describing scenario files as written: units as
 * text, defaults shown, unknown keys refused. Editors use it to complete and check scenario files;
 * `docs/scenario.schema.json` holds a copy (`pnpm run schema:update` rewrites it). Cross-field rules
 * (unique names, totals within LIMITS, requests within limits) are checked only by parseScenario.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  // Schemas given an id (duration, resources, labels, ...) become shared $defs.
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
}
