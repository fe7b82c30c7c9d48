import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { afterAll, describe, expect, it } from 'vitest';
import {
  azureFunctionDefinitions,
  type FunctionDefinitionInput,
} from '../azureFunctions2019/azureFunctionDefinitions.js';
import { readAzureDurations } from '../azureFunctions2019/readAzureDurations.js';
import { readAzureInvocations } from '../azureFunctions2019/readAzureInvocations.js';
import { readAzureMemory } from '../azureFunctions2019/readAzureMemory.js';
import { TRACE_STREAMS } from './TRACE_STREAMS.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'berth-azure-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The real 100-function slice (CC-BY 4.0) lives beside the repository and is read in place.
const slice = join(
  fileURLToPath(new URL('../../../../', import.meta.url)),
  '..',
  'shared',
  'data',
  'azure-functions-2019',
  'sample_100fn_vhive',
);
const hasSlice = existsSync(slice);

async function definitions(dirOrFiles: { invocations: string; durations?: string; memory?: string }) {
  const rows = await readAzureInvocations(dirOrFiles.invocations).toArray();
  const durations = dirOrFiles.durations === undefined ? [] : await readAzureDurations(dirOrFiles.durations).toArray();
  const memory = dirOrFiles.memory === undefined ? [] : await readAzureMemory(dirOrFiles.memory).toArray();
  return {
    counts: azureFunctionDefinitions(rows, durations, memory),
    streamed: azureFunctionDefinitions(rows, durations, memory, { invocations: 'streamed' }),
  };
}

function scenario(defs: Record<string, FunctionDefinitionInput>, horizon: number, files?: string[]): ScenarioInput {
  return {
    seed: 3,
    horizon,
    hosts: [{ group: 'node', count: 8, capacity: { cpu: '64000m', memory: '256Gi' } }],
    functions: { platform: 'lambda', keepAlive: { policy: 'fixed', ttl: '10m' }, definitions: defs },
    ...(files === undefined
      ? {}
      : { streams: [{ name: 'azure', trace: { format: 'azure-functions-2019-invocations', files } }] }),
  };
}

async function run(input: ScenarioInput) {
  const sim = createSimulation(input, { traceStreams: TRACE_STREAMS });
  await sim.runAsync();
  return { functions: sim.functions(), events: sim.events().map((e) => JSON.stringify(e)), sim };
}

describe('azure-functions-2019-invocations stream', () => {
  it('invokes the definitions as their own counts would, counting malformed rows by line and gzip alike', async () => {
    const files = {
      invocations: fixture('azure-invocations.csv'),
      durations: fixture('azure-durations.csv'),
      memory: fixture('azure-memory.csv'),
    };
    const { counts, streamed } = await definitions(files);
    const upFront = await run(scenario(counts, 5 * 60_000));
    const plain = await run(scenario(streamed, 5 * 60_000, [files.invocations]));
    const gz = join(dir, 'invocations.csv.gz');
    const { readFileSync } = await import('node:fs');
    writeFileSync(gz, gzipSync(readFileSync(files.invocations)));
    const zipped = await run(scenario(streamed, 5 * 60_000, [gz]));
    expect(plain.functions).toEqual(upFront.functions);
    expect(zipped.events).toEqual(plain.events);
    const [report] = plain.sim.streamReports();
    // f1: 3 + 1, f2: 5 invocations.
    expect(report).toMatchObject({ invoked: 9, done: true, late: 0 });
    expect(plain.functions!.total.arrived).toBe(9);
    // Rows read: f1, f2, f6; f3's short row, f4's count 'x' and the row without a function name are
    // malformed; f6 (never invoked) has no definition.
    expect(report!.source).toMatchObject({
      rows: 3,
      malformed: 3,
      skipped: { 'invocations of a function not in functions.definitions': 1 },
    });
    expect(report!.source!.firstErrors[0]).toMatch(/azure-invocations\.csv: line 4: expected 9 columns, got 7$/);
  });

  it('rejects an invocation of a function the scenario lacks, naming it', () => {
    const sim = createSimulation(scenario({ f: { memory: 128, handler: { dist: 'constant', value: 10 } } }, 60_000));
    expect(() => sim.invokeFunction('g')).toThrow(/cannot invoke 'g': no function of that name/);
    sim.invokeFunction('f');
    sim.run();
    expect(sim.functions()!.total.arrived).toBe(1);
  });

  it.skipIf(!hasSlice)(
    `gives the same cold starts, latencies and costs as the up-front definitions on the real 100-function slice${hasSlice ? '' : ' (skipped: the slice is absent)'}`,
    async () => {
      const files = {
        invocations: join(slice, 'invocations.csv'),
        durations: join(slice, 'durations.csv'),
        memory: join(slice, 'memory.csv'),
      };
      const { counts, streamed } = await definitions(files);
      // The first 40 of the 480 minutes: a few seconds of simulation.
      const horizon = 40 * 60_000;
      const upFront = await run(scenario(counts, horizon));
      const stream = await run(scenario(streamed, horizon, [files.invocations]));
      expect(stream.events).toEqual(upFront.events);
      expect(stream.functions).toEqual(upFront.functions);
      expect(stream.functions!.total.coldStarts).toBeGreaterThan(0);
      expect(stream.functions!.total.arrived).toBeGreaterThan(1000);
      expect(stream.sim.streamReports()[0]!.invoked).toBe(stream.functions!.total.arrived);
    },
  );
});
