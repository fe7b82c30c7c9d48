import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { AlibabaBatchTask } from './readAlibabaBatchTasks.js';

/**
 * Alibaba v2018 batch_task → `instance_num` containers of job `job_name`, arriving at `start_time`
 * and each running `end_time - start_time` (the task's span: per-instance times are in batch_instance,
 * not read here). cpu `plan_cpu` × 10 millicores, memory `plan_mem`% of `units.alibabaMachineMemory`.
 * The DAG in task names is not enforced: start times already follow it. Tasks without instances, with
 * an end before their start (unfinished) or invalid markers are left out.
 */
export const convertAlibabaBatchTasks: ConverterFactory<AlibabaBatchTask> = (units) => ({
  produces: 'tasks',
  accept(task, sink) {
    if (task.instanceNum < 1) return sink.skip('batch task without instances');
    if (task.endTime < task.startTime) return sink.skip('batch task with end_time before start_time');
    if (task.planMem !== undefined && !(task.planMem >= 0 && task.planMem <= 100)) {
      return sink.skip('batch task with an invalid plan_mem');
    }
    const requests: Record<string, number> = {};
    if (task.planCpu !== undefined) requests.cpu = task.planCpu * 10;
    if (task.planMem !== undefined) requests.memory = (task.planMem / 100) * units.alibabaMachineMemory;
    sink.emit({
      type: 'task',
      name: `${task.jobName}-${task.taskName}`,
      job: task.jobName,
      at: task.startTime * 1000,
      duration: (task.endTime - task.startTime) * 1000,
      count: task.instanceNum,
      requests,
      labels: { task: task.taskName },
    });
  },
  finish() {},
});
