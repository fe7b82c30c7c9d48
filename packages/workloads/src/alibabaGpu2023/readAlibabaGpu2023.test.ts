import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAlibabaGpuNodes } from './readAlibabaGpuNodes.js';
import { readAlibabaGpuPods } from './readAlibabaGpuPods.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('Alibaba GPU v2023 readers', () => {
  it('node list', async () => {
    const reader = readAlibabaGpuNodes(fixture('alibaba-gpu-nodes.csv'));
    const nodes = await reader.toArray();
    expect(nodes[0]).toEqual({
      kind: 'alibaba-gpu-2023.node',
      name: 'node-a',
      cpuMilli: 32000,
      memoryMib: 131072,
      gpu: 0,
      model: undefined,
    });
    expect(nodes[3]).toMatchObject({ name: 'node-d', gpu: 2, model: 'T4' });
    expect(reader.report).toMatchObject({ rows: 4, malformed: 1, lines: 6 });
    expect(reader.report.firstErrors[0]?.message).toBe("line 6: column 2 (cpu_milli): expected a number, got 'lots'");
  });

  it('pod list: CRLF, quoted fields, GPU specs, missing times', async () => {
    const reader = readAlibabaGpuPods(fixture('alibaba-gpu-pods.csv'));
    const pods = await reader.toArray();
    expect(pods.map((p) => p.name)).toEqual(['pod-0', 'pod-1', 'pod-2', 'pod-3', 'pod-4', 'pod-6']);
    expect(pods[2]).toEqual({
      kind: 'alibaba-gpu-2023.pod',
      name: 'pod-2',
      cpuMilli: 6000,
      memoryMib: 12288,
      numGpu: 1,
      gpuMilli: 460,
      gpuSpec: undefined,
      qos: 'BE',
      podPhase: 'Succeeded',
      creationTime: 20,
      deletionTime: 620,
      scheduledTime: 20,
    });
    expect(pods[3]).toMatchObject({ gpuSpec: ['G2', 'V100M32'], deletionTime: undefined });
    expect(pods[4]).toMatchObject({ podPhase: 'Pending', scheduledTime: undefined });
    expect(pods[5]).toMatchObject({ name: 'pod-6', memoryMib: 2048 });
    expect(reader.report.firstErrors.map((e) => e.message)).toEqual([
      'line 7: column 5 (gpu_milli): expected an integer in 0..1000, got 1500',
      'line 9: column 10 (deletion_time): expected a deletion_time >= creation_time (70), got 60',
    ]);
  });

  it('pod list with only the first five columns (the multigpu lists): documented defaults for the rest', async () => {
    const reader = readAlibabaGpuPods(fixture('alibaba-gpu-pods-5col.csv'));
    const pods = await reader.toArray();
    expect(pods.map((p) => [p.name, p.numGpu, p.gpuMilli])).toEqual([
      ['pod-0', 1, 1000],
      ['pod-1', 1, 460],
      ['pod-2', 8, 1000],
      ['pod-3', 0, 0],
    ]);
    expect(pods[1]).toEqual({
      kind: 'alibaba-gpu-2023.pod',
      name: 'pod-1',
      cpuMilli: 6000,
      memoryMib: 12288,
      numGpu: 1,
      gpuMilli: 460,
      gpuSpec: undefined,
      qos: '',
      podPhase: '',
      creationTime: 0,
      deletionTime: undefined,
      scheduledTime: undefined,
    });
    expect(reader.report.firstErrors.map((e) => e.message)).toEqual([
      'line 6: column 5 (gpu_milli): expected an integer in 0..1000, got 1001',
    ]);
  });

  it('a pod list lacking a required column is refused, naming it', async () => {
    const reader = readAlibabaGpuPods(fixture('alibaba-gpu-nodes.csv'));
    await expect(reader.toArray()).rejects.toThrow(
      'the header lacks columns name, num_gpu, gpu_milli (expected name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time)',
    );
  });
});
