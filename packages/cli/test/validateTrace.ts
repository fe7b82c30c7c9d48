/**
 * Checks a parsed Chrome trace-event file the way Perfetto's JSON importer needs it, and returns every
 * problem found (none: an empty list): the object form with `traceEvents`; known phases with numeric
 * pid, tid, ts (µs) and dur; timed events sorted by ts; every process and thread used named by a
 * metadata event; and complete slices on each thread properly nested (a slice starting inside another
 * ends inside it), since Perfetto drops or misplaces slices that overlap without nesting. Times are
 * compared in whole nanoseconds, as Perfetto stores them.
 */
export function validateTrace(trace: unknown): string[] {
  const problems: string[] = [];
  if (typeof trace !== 'object' || trace === null || !Array.isArray((trace as { traceEvents?: unknown }).traceEvents)) {
    return ['expected an object with a traceEvents array'];
  }
  const events = (trace as { traceEvents: unknown[] }).traceEvents;
  const processNames = new Set<number>();
  const threadNames = new Set<string>();
  const used = new Map<string, string>();
  const slices = new Map<string, Array<{ ts: number; end: number; name: string }>>();
  let lastTs = Number.NEGATIVE_INFINITY;
  events.forEach((raw, i) => {
    const e = raw as Record<string, unknown>;
    const where = `traceEvents[${i}]`;
    const { ph, pid, tid, ts, dur, name } = e;
    if (typeof name !== 'string' || name === '') problems.push(`${where}: name must be a non-empty string`);
    if (!Number.isInteger(pid) || (pid as number) < 0) problems.push(`${where}: pid must be an integer >= 0`);
    if (!Number.isInteger(tid) || (tid as number) < 0) problems.push(`${where}: tid must be an integer >= 0`);
    if (typeof e.args !== 'object' || e.args === null) problems.push(`${where}: args must be an object`);
    const thread = `${pid}/${tid}`;
    if (ph === 'M') {
      if (name === 'process_name') processNames.add(pid as number);
      if (name === 'thread_name') threadNames.add(thread);
      return;
    }
    if (ph !== 'X' && ph !== 'i' && ph !== 'C') {
      problems.push(`${where}: unknown phase ${String(ph)}`);
      return;
    }
    if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0)
      problems.push(`${where}: ts must be a finite number >= 0`);
    else if (ts < lastTs) problems.push(`${where}: ts ${ts} before the previous event's ${lastTs}`);
    else lastTs = ts;
    used.set(thread, where);
    if (ph === 'i' && e.s !== 't' && e.s !== 'p' && e.s !== 'g')
      problems.push(`${where}: instant scope must be t, p or g`);
    if (ph === 'C') {
      const args = e.args as Record<string, unknown>;
      if (!Object.values(args).every((v) => typeof v === 'number'))
        problems.push(`${where}: counter args must be numbers`);
    }
    if (ph === 'X') {
      if (typeof dur !== 'number' || !Number.isFinite(dur) || dur < 0)
        problems.push(`${where}: dur must be a finite number >= 0`);
      else {
        let list = slices.get(thread);
        if (list === undefined) {
          list = [];
          slices.set(thread, list);
        }
        list.push({ ts: ns(ts as number), end: ns(ts as number) + ns(dur), name: name as string });
      }
    }
  });
  for (const [thread, where] of used) {
    const pid = Number(thread.split('/')[0]);
    if (!processNames.has(pid)) problems.push(`${where}: process ${pid} has no process_name`);
    if (!threadNames.has(thread)) problems.push(`${where}: thread ${thread} has no thread_name`);
  }
  for (const [thread, list] of slices) {
    const stack: Array<{ end: number; name: string }> = [];
    for (const s of list) {
      while (stack.length > 0 && s.ts >= stack[stack.length - 1]!.end) stack.pop();
      const top = stack[stack.length - 1];
      if (top !== undefined && s.end > top.end) {
        problems.push(
          `thread ${thread}: '${s.name}' [${s.ts / 1000}, ${s.end / 1000}] µs overlaps '${top.name}' ending at ${top.end / 1000}`,
        );
      }
      stack.push(s);
    }
  }
  return problems;
}

function ns(us: number): number {
  return Math.round(us * 1000);
}
