import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioInput } from '@berth/cluster';
import {
  azureFunctionDefinitions,
  type FunctionDefinitionInput,
  readAzureDurations,
  readAzureInvocations,
  readAzureMemory,
} from '@berth/workloads';

/** The real 100-function slice of the Azure Functions 2019 trace, beside the repository (../shared/data). */
export const SLICE_DIR = join(
  fileURLToPath(new URL('../../', import.meta.url)),
  '..',
  'shared',
  'data',
  'azure-functions-2019',
  'sample_100fn_vhive',
);

/** The slice's functions as scenario definitions, with the trace's invocation total and malformed rows. */
export interface AzureSlice {
  readonly definitions: Record<string, FunctionDefinitionInput>;
  readonly invocations: number;
  readonly malformed: number;
  /** Minutes the counts cover. */
  readonly minutes: number;
}

/** Reads the slice (the three files, streamed); throws with a clear message when it is absent. */
export async function loadAzureSlice(dir: string = SLICE_DIR): Promise<AzureSlice> {
  if (!existsSync(dir)) throw new Error(`the Azure Functions 2019 slice is not at ${dir}`);
  const reader = readAzureInvocations(join(dir, 'invocations.csv'));
  const rows = await reader.toArray();
  const durations = readAzureDurations(join(dir, 'durations.csv'));
  const memory = readAzureMemory(join(dir, 'memory.csv'));
  // Memory up to Lambda's 10,240 MB: the keep-alive study is platform-neutral.
  const definitions = azureFunctionDefinitions(rows, await durations.toArray(), await memory.toArray(), {
    memoryMb: { min: 128, max: 10_240 },
  });
  let invocations = 0;
  for (const row of rows) for (const n of row.counts) invocations += n;
  return {
    definitions,
    invocations,
    malformed: reader.report.malformed + durations.report.malformed + memory.report.malformed,
    minutes: rows[0]?.counts.length ?? 0,
  };
}

/** A keep-alive policy as the scenario names it. */
export type PolicyInput = NonNullable<NonNullable<ScenarioInput['functions']>['keepAlive']>;

/**
 * The slice on a cluster roomy enough that no instance waits for a host, on the `lambda` preset with
 * the account and scaling limits lifted: the study compares keep-alive policies, not throttling.
 */
export function sliceScenario(slice: AzureSlice, keepAlive: PolicyInput, seed = 1): ScenarioInput {
  return {
    seed,
    horizon: slice.minutes * 60_000,
    hosts: [{ group: 'node', count: 40, capacity: { cpu: '128', memory: '1024Gi' } }],
    functions: {
      platform: 'lambda',
      accountConcurrency: 1_000_000,
      scaling: { burst: 1_000_000, period: '1s' },
      keepAlive,
      definitions: Object.fromEntries(
        Object.entries(slice.definitions).map(([name, d]) => [name, { ...d, timeout: '15m' }]),
      ),
    },
  };
}
