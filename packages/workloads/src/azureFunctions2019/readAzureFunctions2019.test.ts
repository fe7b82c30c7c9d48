import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createSimulation } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { azureFunctionDefinitions } from './azureFunctionDefinitions.js';
import { readAzureDurations } from './readAzureDurations.js';
import { readAzureInvocations } from './readAzureInvocations.js';
import { readAzureMemory } from './readAzureMemory.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const slice = join(repoRoot, '..', 'shared', 'data', 'azure-functions-2019', 'sample_100fn_vhive');
const hasSlice = existsSync(slice);

describe('Azure Functions 2019 trace', () => {
  it('streams invocations per minute, counting each malformed row by its line', async () => {
    const reader = readAzureInvocations(join(fixtures, 'azure-invocations.csv'));
    const rows = await reader.toArray();
    expect(rows.map((r) => r.function)).toEqual(['f1', 'f2', 'f6']);
    expect(rows[0]).toEqual({
      kind: 'azure-functions-2019.invocations',
      owner: 'o1',
      app: 'a1',
      function: 'f1',
      trigger: 'http',
      firstMinute: 1,
      counts: [0, 3, 0, 1, 0],
    });
    expect(reader.report.rows).toBe(3);
    expect(reader.report.malformed).toBe(3);
    expect(reader.report.firstErrors.map((e) => e.message)).toEqual([
      'line 4: expected 9 columns, got 7',
      "line 5: column 6 (2): expected a whole count, got 'x'",
      "line 6: column 3 (HashFunction): expected a value, got ''",
    ]);
  });

  it('refuses a header without the key columns or with minutes out of order', async () => {
    const bad = async (text: string) => {
      try {
        await readAzureInvocations(Readable.from([text])).toArray();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(await bad('HashOwner,HashApp,Trigger,1,2\n')).toContain('the header lacks HashFunction');
    expect(await bad('HashOwner,HashApp,HashFunction,Trigger,1,3\no,a,f,http,1,1\n')).toContain(
      "minute columns must be consecutive integers; column 6 is '3'",
    );
  });

  it('turns rows into function definitions: counts per minute, app memory, a lognormal handler', async () => {
    const invocations = await readAzureInvocations(join(fixtures, 'azure-invocations.csv')).toArray();
    const durations = await readAzureDurations(join(fixtures, 'azure-durations.csv')).toArray();
    const memory = await readAzureMemory(join(fixtures, 'azure-memory.csv')).toArray();
    const defs = azureFunctionDefinitions(invocations, durations, memory);
    // f6 never ran: left out.
    expect(Object.keys(defs)).toEqual(['f1', 'f2']);
    // App a1 averages 170.4 MB → 171 MB. f1: mean 200 ms, σ = ln(800 / 150) / 2.3263 = 0.7196,
    // cv = sqrt(e^0.5178 − 1) = 0.8236.
    expect(defs.f1!.memory).toBe(171);
    expect(defs.f1!.invocations).toEqual({ process: 'counts', counts: [0, 3, 0, 1, 0], every: 60_000 });
    expect(defs.f1!.handler).toMatchObject({ dist: 'lognormal', mean: 200 });
    expect((defs.f1!.handler as { cv: number }).cv).toBeCloseTo(0.8236, 3);
    // f2's percentiles are all equal: a constant 50 ms.
    expect(defs.f2!.handler).toEqual({ dist: 'constant', value: 50 });
    const sim = createSimulation({
      horizon: '5m',
      hosts: [{ name: 'h', capacity: { cpu: '8', memory: '8Gi' } }],
      functions: { platform: 'azure-consumption', definitions: defs },
    });
    sim.run();
    expect(sim.functions()!.total.arrived).toBe(4 + 5);
  });

  it.skipIf(!hasSlice)('reads the real 100-function slice without a malformed row (339,657 invocations)', async () => {
    const reader = readAzureInvocations(join(slice, 'invocations.csv'));
    let total = 0;
    let functions = 0;
    for await (const row of reader) {
      functions += 1;
      for (const n of row.counts) total += n;
      expect(row.counts.length).toBe(480);
      expect(row.firstMinute).toBe(480);
    }
    expect(reader.report).toMatchObject({ rows: 100, malformed: 0 });
    expect(functions).toBe(100);
    expect(total).toBe(339_657);
    const durations = readAzureDurations(join(slice, 'durations.csv'));
    expect((await durations.toArray()).length).toBe(100);
    expect(durations.report.malformed).toBe(0);
    const memory = readAzureMemory(join(slice, 'memory.csv'));
    await memory.toArray();
    expect(memory.report.malformed).toBe(0);
  });
});
