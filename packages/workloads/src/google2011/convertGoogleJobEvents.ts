import type { ConverterFactory, ConverterSink } from '../convert/RecordConverter.js';
import type { GoogleEventType } from './GoogleEventType.js';
import type { GoogleJobEvent } from './readGoogleJobEvents.js';

const ENDS: ReadonlySet<GoogleEventType> = new Set(['EVICT', 'FAIL', 'FINISH', 'KILL', 'LOST']);

/**
 * Google 2011 job_events alone → one single-task job per job: it arrives at SUBMIT and runs from
 * SCHEDULE to its end. job_events carry no resources, so each job asks for `units.googleJobRequests`
 * (a placeholder: use task_events for real requests). Jobs open at the end of the trace run forever;
 * jobs that ended before they were scheduled are left out.
 */
export const convertGoogleJobEvents: ConverterFactory<GoogleJobEvent> = (units) => {
  const open = new Map<string, { submit: number; scheduled: number | undefined }>();
  const emitJob = (
    sink: ConverterSink,
    jobId: string,
    job: { submit: number; scheduled: number | undefined },
    end: number,
  ) => {
    sink.emit({
      type: 'task',
      name: jobId,
      job: jobId,
      at: job.submit / 1000,
      duration: end === Number.POSITIVE_INFINITY ? end : Math.max(0, end - (job.scheduled ?? job.submit)) / 1000,
      count: 1,
      requests: units.googleJobRequests,
    });
  };
  return {
    produces: 'tasks',
    accept(event, sink) {
      let job = open.get(event.jobId);
      if (event.eventType === 'SUBMIT' || (job === undefined && !ENDS.has(event.eventType))) {
        job = { submit: event.time, scheduled: undefined };
        open.set(event.jobId, job);
      }
      if (job === undefined) {
        sink.skip('job ended without a SUBMIT in the trace');
        return;
      }
      if (event.eventType === 'SCHEDULE') job.scheduled = event.time;
      if (!ENDS.has(event.eventType)) return;
      open.delete(event.jobId);
      if (job.scheduled === undefined) sink.skip('job ended before it was scheduled');
      else emitJob(sink, event.jobId, job, event.time);
    },
    finish(sink) {
      for (const [jobId, job] of open) emitJob(sink, jobId, job, Number.POSITIVE_INFINITY);
      open.clear();
    },
  };
};
