// Lesson 13, part 3: the FGD paper's experiment through `berth compare`. Builds the experiment as a
// scenario from Alibaba's trace (run from the repository root, with the trace beside it), then compares
// the six policies on a slice of it (the first 150 GPU nodes, the first 1,000 pods, seeds 42-44).
// requires: ../shared/data/alibaba-gpu-v2023/openb_node_list_all_node.csv
// requires: ../shared/data/alibaba-gpu-v2023/openb_pod_list_default.csv
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@berth/cli';
import { gpuExperimentScenario, readGpuExperiment } from '@berth/workloads';

// #region scenario
// One host per GPU node in list order, one container per pod, and the paper's protocol as the
// scenario's submission: { order: shuffled, fill: { gpu: 1.3 }, every: 50 µs, forever: true }.
const data = '../shared/data/alibaba-gpu-v2023';
const { nodes, pods } = await readGpuExperiment(
  `${data}/openb_node_list_all_node.csv`,
  `${data}/openb_pod_list_default.csv`,
);
const dir = mkdtempSync(join(tmpdir(), 'berth-gpu-'));
writeFileSync(join(dir, 'openb.json'), JSON.stringify(gpuExperimentScenario(nodes, pods, { name: 'openb' })));
const slice = gpuExperimentScenario(nodes.slice(0, 150), pods.slice(0, 1000), { name: 'openb-slice' });
writeFileSync(join(dir, 'openb-slice.json'), JSON.stringify(slice));
const { hosts, containers, submission } = slice;
console.log(`${hosts!.length} hosts, ${containers!.length} pods; submission: ${JSON.stringify(submission)}`);
// #endregion scenario

// #region compare
// The six policies as strategies, each seed one shuffle shared by all six (common random numbers).
const strategies = 'gpu-fgd,gpu-best-fit,gpu-packing,gpu-clustering,gpu-dot-product,gpu-random';
const out: string[] = [];
const io = { stdout: { write: (t: string) => out.push(t) }, stderr: process.stderr, cwd: dir };
await main(['compare', 'openb-slice.json', '--strategies', strategies, '--seeds', '42-44', '--workers', '0'], io);
// The GPU rows and the one above them: pods still pending at the end are those that found no host.
const table = out.join('').split('\n');
for (const line of table.filter((l, i) => i < 4 || /still pending|GPU/.test(l))) console.log(line);
// #endregion compare
rmSync(dir, { recursive: true, force: true });
