import { formatResources } from '@berth/cluster';
import type { ConverterSink, RecordConverter } from '../convert/RecordConverter.js';
import type { TraceItem } from '../convert/TraceItem.js';
import type { TraceRecord } from '../convert/TraceRecord.js';
import { TRACE_CONVERTERS } from '../convert/TraceRecord.js';
import type { StreamConverter, StreamSink } from './StreamConverter.js';

/**
 * Any trace table through its RecordConverter (the one `berth trace convert` uses): hosts become
 * `add-host` items at time 0, tasks `count` submissions at their arrival time. A converter that emits
 * a task only at its end (it pairs rows) emits it late: such items are applied at once and counted
 * as late in the stream's report; tables not in time order are better converted first.
 */
export function recordItems(): StreamConverter<TraceRecord> {
  let converter: RecordConverter<TraceRecord> | null = null;
  const adapt = (sink: StreamSink): ConverterSink => ({
    skip: (reason) => sink.skip(reason),
    emit: (item: TraceItem) => {
      if (item.type === 'host') {
        sink.emit({
          type: 'add-host',
          at: 0,
          host: { name: item.name, capacity: formatResources(item.capacity), labels: item.labels },
        });
        return;
      }
      const affinity = Object.entries(item.requiredLabels ?? {}).map(([key, values]) => ({
        key,
        operator: 'In' as const,
        values,
      }));
      for (let i = 0; i < item.count; i++) {
        const spec = sink.template.spec(sink.nextName(), {
          durationMs: item.duration,
          requests: item.requests,
          priority: item.priority,
        });
        sink.emit({
          type: 'submit',
          at: item.at,
          spec: affinity.length === 0 ? spec : { ...spec, affinity: [...spec.affinity, ...affinity] },
        });
      }
    },
  });
  return {
    accept(record, sink) {
      if (converter === null) {
        const factory = TRACE_CONVERTERS[record.kind] as (units: StreamSink['units']) => RecordConverter<TraceRecord>;
        converter = factory(sink.units);
      }
      converter.accept(record, adapt(sink));
    },
    finish(sink) {
      converter?.finish(adapt(sink));
    },
  };
}
