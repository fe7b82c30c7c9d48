import { formatResources } from '@berth/cluster';
import type { GoogleMachineEvent } from '../google2011/readGoogleMachineEvents.js';
import type { StreamConverter } from './StreamConverter.js';

/** The host a Google 2011 machine id becomes in a replay; task_events' SCHEDULE rows name the same. */
export function googleHostName(machineId: string): string {
  return `machine-${machineId}`;
}

/**
 * Google 2011 machine_events as a stream: ADD adds a host `machine-<id>` (capacity: the row's
 * normalised cpus and memory times `units.googleMachine`; a row without them is left out, counted),
 * REMOVE fails it (its containers die and are evicted as Berth's node lifecycle decides), ADD of a
 * removed machine brings it back. UPDATE (the schema: the machine's available resources changed,
 * "capacity updated (while not removed)") resizes the host to the row's cpus and memory, normalised as
 * ADD's are; what the host holds stays bound even beyond a smaller capacity (see `sim.resizeHost`).
 * An UPDATE of a machine not in the cell, or without cpus and memory, is left out, counted; a changed
 * platform ID is counted, not applied: the host keeps the group its ADD named. Memory holds one entry
 * per machine of the cell.
 */
export function googleMachines(): StreamConverter<GoogleMachineEvent> {
  const removed = new Map<string, boolean>();
  /** Each machine's platform ID as its ADD gave it (the host's group). */
  const platforms = new Map<string, string>();
  return {
    accept(event, sink) {
      if (event.time === Number.POSITIVE_INFINITY) {
        sink.skip('event after the end of the trace');
        return;
      }
      const at = event.time / 1000;
      const host = googleHostName(event.machineId);
      const known = removed.get(event.machineId);
      switch (event.eventType) {
        case 'ADD':
          if (known === true) {
            removed.set(event.machineId, false);
            sink.emit({ type: 'restore-host', at, host });
          } else if (known === false) sink.skip('ADD of a machine already in the cell');
          else if (event.cpus === undefined || event.memory === undefined)
            sink.skip('ADD of a machine without capacity');
          else {
            removed.set(event.machineId, false);
            platforms.set(event.machineId, event.platformId);
            const { cpu, memory } = sink.units.googleMachine;
            sink.emit({
              type: 'add-host',
              at,
              host: {
                name: host,
                group: event.platformId === '' ? 'machine' : `platform-${event.platformId.slice(0, 8)}`,
                // Millicores and MiB, written with units: addHost reads capacity as a scenario does.
                capacity: formatResources({ cpu: event.cpus * cpu, memory: event.memory * memory }),
              },
            });
          }
          return;
        case 'REMOVE':
          if (known !== false) {
            sink.skip('REMOVE of a machine not in the cell');
            return;
          }
          removed.set(event.machineId, true);
          sink.emit({ type: 'remove-host', at, host, reason: 'REMOVE' });
          return;
        case 'UPDATE': {
          if (known !== false) {
            sink.skip('UPDATE of a machine not in the cell');
            return;
          }
          if (event.cpus === undefined || event.memory === undefined) {
            sink.skip('UPDATE of a machine without capacity');
            return;
          }
          if (event.platformId !== '' && event.platformId !== platforms.get(event.machineId))
            sink.skip('UPDATE of the platform ID: the host keeps the group its ADD named');
          const { cpu, memory } = sink.units.googleMachine;
          sink.emit({
            type: 'resize-host',
            at,
            host,
            capacity: formatResources({ cpu: event.cpus * cpu, memory: event.memory * memory }),
          });
          return;
        }
      }
    },
    finish() {},
  };
}
