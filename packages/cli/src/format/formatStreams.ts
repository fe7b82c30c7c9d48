import type { StreamReport } from '@berth/cluster';
import { formatTable } from './formatTable.js';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * What `berth run` says about workload streams: per stream, items applied, containers submitted and
 * ended, late items, and for a trace the rows read and rejected (the first rejections in full) and
 * the records left out, by reason.
 */
export function formatStreams(reports: readonly StreamReport[]): string {
  const rows = reports.map((r) => [
    r.name,
    count(r.submitted),
    count(r.ended),
    count(r.endedAlready),
    count(r.late),
    r.source === undefined ? '-' : count(r.source.rows),
    r.source === undefined ? '-' : count(r.source.malformed),
    r.done ? 'yes' : 'no',
  ]);
  let out = `Streams\n${formatTable(
    ['stream', 'submitted', 'ended', 'ended already', 'late', 'rows', 'malformed', 'read to the end'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  )}`;
  for (const r of reports) {
    // Only for a stream that resized hosts: the output of the others stays as it was.
    if (r.hostsResized > 0) out += `${r.name}: hosts resized ${count(r.hostsResized)}\n`;
    if (r.invoked > 0) out += `${r.name}: functions invoked ${count(r.invoked)}\n`;
    const source = r.source;
    if (source === undefined) continue;
    for (const error of source.firstErrors) out += `${r.name}: malformed: ${error}\n`;
    if (source.malformed > source.firstErrors.length)
      out += `${r.name}: ... and ${count(source.malformed - source.firstErrors.length)} more malformed rows\n`;
    for (const [reason, n] of Object.entries(source.skipped)) out += `${r.name}: left out ${count(n)}: ${reason}\n`;
  }
  return out;
}
