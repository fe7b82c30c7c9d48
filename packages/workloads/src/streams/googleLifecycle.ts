import type { GoogleEventType } from '../google2011/GoogleEventType.js';
import type { GoogleJobEvent } from '../google2011/readGoogleJobEvents.js';
import type { GoogleTaskEvent } from '../google2011/readGoogleTaskEvents.js';
import { googleHostName } from './googleMachines.js';
import type { StreamConverter, StreamSink } from './StreamConverter.js';

const ENDS: ReadonlySet<GoogleEventType> = new Set(['EVICT', 'FAIL', 'FINISH', 'KILL', 'LOST']);

/** A task (or job) of the trace submitted and not ended yet. */
interface OpenTask {
  readonly container: string;
  /** The trace's own machine, once it scheduled the task. */
  machine: string | undefined;
}

/**
 * Google 2011 task_events (or job_events) as a stream, event by event: SUBMIT submits a container
 * named `<stream>-<n>` that runs until the trace ends it, with the requests of its row (times the
 * machine of `units.googleMachine`; job_events carry none, so `units.googleJobRequests`) and the
 * trace's priority; EVICT, FAIL, FINISH, KILL and LOST end it at that time; a task resubmitted after
 * an end is a new container, as in the trace. A SCHEDULE becomes a `traced` item (the trace's own placement, for a
 * comparison: see googleReplay); the requests of an UPDATE are not applied to a submitted container,
 * and are counted as such. Memory holds the open tasks.
 */
export function googleLifecycle(): StreamConverter<GoogleTaskEvent | GoogleJobEvent> {
  const open = new Map<string, OpenTask>();
  return {
    accept(event, sink: StreamSink) {
      if (event.time === Number.POSITIVE_INFINITY) {
        sink.skip('event after the end of the trace');
        return;
      }
      const at = event.time / 1000;
      const key = event.kind === 'google-2011.task_event' ? `${event.jobId}/${event.taskIndex}` : event.jobId;
      const task = open.get(key);
      const type = event.eventType;
      if (type === 'SUBMIT') {
        if (task !== undefined) {
          sink.skip('SUBMIT of a task already submitted');
          return;
        }
        const container = sink.nextName();
        const requests: Record<string, number> = {};
        if (event.kind === 'google-2011.task_event') {
          if (event.cpuRequest !== undefined) requests.cpu = event.cpuRequest * sink.units.googleMachine.cpu;
          if (event.memoryRequest !== undefined)
            requests.memory = event.memoryRequest * sink.units.googleMachine.memory;
        } else Object.assign(requests, sink.units.googleJobRequests);
        const priority = event.kind === 'google-2011.task_event' ? event.priority : undefined;
        const spec = sink.template.spec(container, {
          durationMs: Number.POSITIVE_INFINITY,
          requests,
          priority,
        });
        open.set(key, { container, machine: undefined });
        sink.emit({ type: 'submit', at, spec });
        return;
      }
      if (task === undefined) {
        sink.skip(`${type} of a task not submitted in the stream`);
        return;
      }
      if (type === 'SCHEDULE') {
        task.machine =
          event.kind === 'google-2011.task_event' && event.machineId !== undefined
            ? googleHostName(event.machineId)
            : undefined;
        sink.emit({ type: 'traced', at, container: task.container, host: task.machine });
        return;
      }
      if (ENDS.has(type)) {
        open.delete(key);
        sink.emit({ type: 'end', at, container: task.container, reason: type });
        return;
      }
      sink.skip(`${type}: request updates are not applied to a submitted container`);
    },
    finish() {
      open.clear();
    },
  };
}
