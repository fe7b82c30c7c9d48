import type { z } from 'zod';
import { type Scenario, type ScenarioInput, scenarioSchema as schema } from './scenarioSchema.js';

/**
 * The scenario's zod schema, as the package exports it: a scenario as written in, a parsed scenario out
 * (`scenarioSchema.safeParse(input)`). Typed by what it reads and returns rather than by its construction,
 * so the published types stay readable; `parseScenario` adds the cross-field checks and clear errors.
 */
export const scenarioSchema: z.ZodType<Scenario, ScenarioInput> = schema;
