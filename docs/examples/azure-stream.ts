// Azure Functions 2019 invocation counts streamed as the run goes: the same run as the counts built into the definitions.
import { fileURLToPath } from 'node:url';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import {
  azureFunctionDefinitions,
  readAzureDurations,
  readAzureInvocations,
  readAzureMemory,
  TRACE_STREAMS,
} from '@berth/workloads';

// #region definitions
// Hand-written files with the trace's columns (the real slice is read the same way).
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../packages/workloads/test/fixtures/${name}`, import.meta.url));
const invocations = fixture('azure-invocations.csv');
const rows = await readAzureInvocations(invocations).toArray();
const durations = await readAzureDurations(fixture('azure-durations.csv')).toArray();
const memory = await readAzureMemory(fixture('azure-memory.csv')).toArray();
// Up front: each definition carries its counts per minute. Streamed: the definitions alone.
const upFront = azureFunctionDefinitions(rows, durations, memory);
const streamed = azureFunctionDefinitions(rows, durations, memory, { invocations: 'streamed' });
// #endregion definitions

// #region run
const platform = (definitions: typeof upFront, streams: ScenarioInput['streams'] = []): ScenarioInput => ({
  seed: 1,
  horizon: '5m',
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '16000m', memory: '64Gi' } }],
  functions: { platform: 'lambda', definitions },
  streams,
});
const a = createSimulation(platform(upFront)).run();
const b = createSimulation(
  platform(streamed, [{ name: 'azure', trace: { format: 'azure-functions-2019-invocations', files: [invocations] } }]),
  { traceStreams: TRACE_STREAMS },
);
await b.runAsync();
for (const [label, sim] of [
  ['up front', a],
  ['streamed', b],
] as const) {
  const t = sim.functions()!.total;
  console.log(
    `${label}: ${t.arrived} invocations, ${t.cold} cold starts, mean latency ${t.latency.mean!.toFixed(1)} ms, cost $${t.cost.toExponential(3)}`,
  );
}
const [stream] = b.streamReports();
console.log(`stream: ${stream!.invoked} invoked, ${stream!.source!.malformed} malformed rows`);
for (const error of stream!.source!.firstErrors) console.log(`  ${error.slice(error.lastIndexOf('line '))}`);
for (const [reason, n] of Object.entries(stream!.source!.skipped)) console.log(`  left out ${n}: ${reason}`);
// #endregion run
