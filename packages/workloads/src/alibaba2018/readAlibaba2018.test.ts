import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAlibabaTaskName } from './parseAlibabaTaskName.js';
import { readAlibabaBatchTasks } from './readAlibabaBatchTasks.js';
import { readAlibabaContainerMeta } from './readAlibabaContainerMeta.js';
import { readAlibabaMachineMeta } from './readAlibabaMachineMeta.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('Alibaba cluster-trace-v2018 readers', () => {
  it('machine_meta', async () => {
    const reader = readAlibabaMachineMeta(fixture('alibaba-machine_meta.csv'));
    const machines = await reader.toArray();
    expect(machines[2]).toEqual({
      kind: 'alibaba-2018.machine_meta',
      machineId: 'm_3',
      timestamp: 0,
      failureDomain1: '2',
      failureDomain2: 'a',
      cpuNum: 64,
      memSize: 50,
      status: 'USING',
    });
    // -1 is the trace's own invalid marker: a well-formed row, left for the converter to judge.
    expect(machines.map((m) => m.memSize)).toEqual([100, 100, 50, 100, -1]);
    expect(reader.report.firstErrors.map((e) => e.message)).toEqual([
      "line 6: column 2 (time_stamp): expected a number, got 'zero'",
    ]);
  });

  it('container_meta', async () => {
    const reader = readAlibabaContainerMeta(fixture('alibaba-container_meta.csv'));
    const containers = await reader.toArray();
    expect(containers[3]).toEqual({
      kind: 'alibaba-2018.container_meta',
      containerId: 'c_3',
      machineId: 'm_3',
      timestamp: 30,
      appDu: 'app_2',
      status: 'allocated',
      cpuRequest: 800,
      cpuLimit: 1600,
      memSize: 3.13,
    });
    expect(reader.report).toMatchObject({ rows: 5, malformed: 1 });
    expect(reader.report.firstErrors[0]?.message).toBe(
      "line 6: column 6 (cpu_request): expected a number, got 'eight'",
    );
  });

  it('batch_task, with empty plans as undefined', async () => {
    const reader = readAlibabaBatchTasks(fixture('alibaba-batch_task.csv'));
    const tasks = await reader.toArray();
    expect(tasks[0]).toEqual({
      kind: 'alibaba-2018.batch_task',
      taskName: 'M1',
      instanceNum: 2,
      jobName: 'j_1',
      taskType: '1',
      status: 'Terminated',
      startTime: 100,
      endTime: 160,
      planCpu: 50,
      planMem: 0.39,
    });
    expect(tasks[2]).toMatchObject({ taskName: 'R3_2', planCpu: undefined, planMem: undefined });
    expect(reader.report).toMatchObject({ rows: 5, malformed: 1 });
    expect(reader.report.firstErrors[0]?.message).toBe(
      "line 6: column 2 (instance_num): expected an integer, got 'two'",
    );
  });

  it.each([
    ['M1', { id: 1, dependsOn: [] }],
    ['M5_3_4', { id: 5, dependsOn: [3, 4] }],
    ['R4_2', { id: 4, dependsOn: [2] }],
    ['task_Nzg3ODAwNDgzMTAwNTc2NTQ2Mw==', undefined],
  ])('task name %s encodes its DAG position', (name, expected) => {
    expect(parseAlibabaTaskName(name)).toEqual(expected);
  });
});
