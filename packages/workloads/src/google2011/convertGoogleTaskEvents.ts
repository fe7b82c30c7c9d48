import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { TraceTask } from '../convert/TraceItem.js';
import type { GoogleEventType } from './GoogleEventType.js';
import type { GoogleTaskEvent } from './readGoogleTaskEvents.js';

const ENDS: ReadonlySet<GoogleEventType> = new Set(['EVICT', 'FAIL', 'FINISH', 'KILL', 'LOST']);

interface OpenTask {
  jobId: string;
  submit: number;
  scheduled: number | undefined;
  cpu: number | undefined;
  memory: number | undefined;
  priority: number | undefined;
}

/**
 * Google 2011 task_events → one task of job `job_id` per submission: it arrives at its SUBMIT and runs
 * from SCHEDULE to its end (EVICT, FAIL, FINISH, KILL or LOST), so a task evicted and resubmitted
 * becomes several. Requests are the latest seen on any of its events, times the machine size of
 * `units.googleMachine`; priority is the trace's. A task still open at the end of the trace runs
 * forever; one that ended before it was ever scheduled is left out. Memory holds the open tasks only.
 */
export const convertGoogleTaskEvents: ConverterFactory<GoogleTaskEvent> = (units) => {
  const open = new Map<string, OpenTask>();
  const toTask = (key: string, task: OpenTask, end: number): TraceTask => {
    const requests: Record<string, number> = {};
    if (task.cpu !== undefined) requests.cpu = task.cpu * units.googleMachine.cpu;
    if (task.memory !== undefined) requests.memory = task.memory * units.googleMachine.memory;
    const start = task.scheduled ?? task.submit;
    return {
      type: 'task',
      name: key,
      job: task.jobId,
      at: task.submit / 1000,
      duration: end === Number.POSITIVE_INFINITY ? end : Math.max(0, end - start) / 1000,
      count: 1,
      requests,
      priority: task.priority,
    };
  };
  return {
    produces: 'tasks',
    accept(event, sink) {
      const key = `${event.jobId}-${event.taskIndex}`;
      let task = open.get(key);
      if (event.eventType === 'SUBMIT' || (task === undefined && !ENDS.has(event.eventType))) {
        task = {
          jobId: event.jobId,
          submit: event.time,
          scheduled: undefined,
          cpu: undefined,
          memory: undefined,
          priority: undefined,
        };
        open.set(key, task);
      }
      if (task === undefined) {
        sink.skip('task ended without a SUBMIT in the trace');
        return;
      }
      task.cpu = event.cpuRequest ?? task.cpu;
      task.memory = event.memoryRequest ?? task.memory;
      task.priority = event.priority ?? task.priority;
      if (event.eventType === 'SCHEDULE') task.scheduled = event.time;
      if (!ENDS.has(event.eventType)) return;
      open.delete(key);
      if (task.scheduled === undefined) sink.skip('task ended before it was scheduled');
      else sink.emit(toTask(key, task, event.time));
    },
    finish(sink) {
      for (const [key, task] of open) sink.emit(toTask(key, task, Number.POSITIVE_INFINITY));
      open.clear();
    },
  };
};
