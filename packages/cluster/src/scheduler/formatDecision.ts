import { argumentError } from '@berth/kernel';
import type { Decision, HostVerdict } from './Decision.js';

/** Options of {@link formatDecision}. */
export interface FormatDecisionOptions {
  /** Show at most this many hosts (the winner always among them); a last line counts the rest. */
  readonly maxHosts?: number | undefined;
}

/**
 * Prints a recorded placement attempt as a plain-text table, the answer to "why did my container
 * land there?" (what kube-scheduler-simulator shows as per-plugin annotations). The header names the
 * container, the time, the strategy, how many hosts were looked at and the winner. One row per host:
 * its verdict ("passed", or the filter and its reason), one column per scorer with
 * `raw→normalized` (the scorer's weight in the column title, when some host's score reveals it), and
 * the weighted total (absent, with the weights, for selectors that rank by rules rather than a sum). The winner comes first, marked `*`; then scored hosts by total, highest first;
 * then rejected hosts in the order they were examined. When no host passed the filters, a last line
 * counts the reasons as kube-scheduler's FitError does: `0/5 hosts are available: 3 Insufficient cpu,
 * 2 host had an untolerated taint.` (by count, highest first; kube sorts the phrases as strings). A host won by
 * preemption reads `fits once <victims> are preempted (before: <filter>: <reason>)`, and a last line says
 * which host preemption chose once the victims are evicted.
 */
export function formatDecision(decision: Decision, options?: FormatDecisionOptions): string {
  const maxHosts = options?.maxHosts ?? Number.POSITIVE_INFINITY;
  if (!(maxHosts === Number.POSITIVE_INFINITY || (Number.isInteger(maxHosts) && maxHosts >= 1))) {
    throw argumentError('options.maxHosts', `expected an integer >= 1, got ${String(maxHosts)}`);
  }
  const lines = [header(decision)];
  const rows = ordered(decision);
  const shown = rows.slice(0, Math.min(rows.length, maxHosts));
  if (rows.length === 0) lines.push('  (no host was examined)');
  else lines.push(...table(decision, shown));
  const hidden = rows.length - shown.length;
  if (hidden > 0) {
    const rejected = rows.slice(shown.length).filter((v) => v.rejectedBy !== null).length;
    lines.push(`  … ${hidden} more ${plural(hidden, 'host')} (${hidden - rejected} passed, ${rejected} rejected)`);
  }
  if (!decision.hosts.some((v) => v.rejectedBy === null)) {
    lines.push(unavailable(decision));
    // kube-scheduler follows its FitError with the preemption's outcome; so does Berth.
    if (decision.winner !== null && decision.preempted.length > 0)
      lines.push(
        `Preemption: ${decision.winner} is chosen once ${decision.preempted.join(', ')} ${decision.preempted.length === 1 ? 'is' : 'are'} evicted.`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function header(d: Decision): string {
  const considered = `${d.considered} of ${d.hostCount} ${plural(d.hostCount, 'host')} considered`;
  let outcome = d.winner === null ? 'no host' : `winner ${d.winner}`;
  if (d.devices !== undefined) outcome += ` (GPU ${plural(d.devices.length, 'device')} ${d.devices.join(', ')})`;
  if (d.preempted.length > 0) outcome += ` (preempting ${d.preempted.join(', ')})`;
  return `${d.container} at ${number(d.at / 1000, 3)} s — ${d.strategy} — ${considered} — ${outcome}`;
}

/** kube-scheduler's FitError message, with Berth's "hosts" for "nodes". */
function unavailable(d: Decision): string {
  const counts = Object.entries(d.reasons).sort(([ra, a], [rb, b]) => b - a || (ra < rb ? -1 : ra > rb ? 1 : 0));
  const list = counts.map(([reason, n]) => `${n} ${reason}`).join(', ');
  return `0/${d.hostCount} ${plural(d.hostCount, 'host')} ${d.hostCount === 1 ? 'is' : 'are'} available${list === '' ? '' : `: ${list}`}.`;
}

/** Winner first; then passed hosts by total (highest first, unscored last); then rejected ones; stable otherwise. */
function ordered(d: Decision): HostVerdict[] {
  const rank = (v: HostVerdict): number => (v.host === d.winner ? 0 : v.rejectedBy === null ? 1 : 2);
  return d.hosts
    .map((v, i) => ({ v, i }))
    .sort(
      (a, b) =>
        rank(a.v) - rank(b.v) ||
        (b.v.total ?? Number.NEGATIVE_INFINITY) - (a.v.total ?? Number.NEGATIVE_INFINITY) ||
        a.i - b.i,
    )
    .map(({ v }) => v);
}

function table(d: Decision, rows: readonly HostVerdict[]): string[] {
  // Scorer columns in the order the selector ran them, over every recorded host (not only those shown).
  const scorers: string[] = [];
  const weights = new Map<string, number>();
  // Weights mean something only where a total is their weighted sum; rule-ranked selectors have none.
  const hasTotals = d.hosts.some((v) => v.total !== null);
  for (const v of d.hosts) {
    for (const [name, s] of Object.entries(v.scores)) {
      if (!scorers.includes(name)) scorers.push(name);
      // The record keeps the weighted score, not the weight; a host with a non-zero score reveals it.
      if (hasTotals && !weights.has(name) && s.normalized !== 0) weights.set(name, s.weighted / s.normalized);
    }
  }
  const titles = scorers.map((name) => {
    const w = weights.get(name);
    return w === undefined ? name : `${name}×${number(w, 2)}`;
  });
  const hostWidth = width(
    'host',
    rows.map((v) => v.host),
  );
  const passedWidth = width('verdict', ['passed']);
  const scoreCells = rows.map((v) =>
    scorers.map((name) => {
      const s = v.scores[name];
      return s === undefined ? '' : `${number(s.raw, 2)}→${number(s.normalized, 2)}`;
    }),
  );
  const scoreWidths = titles.map((t, j) =>
    width(
      t,
      scoreCells.map((cells) => cells[j]!),
    ),
  );
  const totals = rows.map((v) => (v.total === null ? '' : number(v.total, 2)));
  const totalWidth = hasTotals ? width('total', totals) : 0;

  const line = (mark: string, host: string, verdict: string, cells: readonly string[], total: string): string => {
    const scoreText = cells.map((c, j) => c.padStart(scoreWidths[j]!)).join('  ');
    return [`${mark} ${host.padEnd(hostWidth)}`, verdict.padEnd(passedWidth), scoreText, total.padStart(totalWidth)]
      .filter((part) => part !== '')
      .join('  ')
      .trimEnd();
  };
  const out = [line(' ', 'host', 'verdict', titles, hasTotals ? 'total' : '')];
  rows.forEach((v, i) => {
    const mark = v.host === d.winner ? '*' : ' ';
    // A rejection's reason runs across the score columns, which it leaves empty.
    if (v.rejectedBy !== null && v.host === d.winner && d.preempted.length > 0) {
      // Preemption's host: rejected as things stood, chosen for what evicting the victims frees.
      const before = `${v.rejectedBy}: ${ownReason(v.rejectedBy, v.reason)}`.trimEnd();
      out.push(
        `${mark} ${v.host.padEnd(hostWidth)}  fits once ${d.preempted.join(', ')} ${d.preempted.length === 1 ? 'is' : 'are'} preempted (before: ${before})`,
      );
    } else if (v.rejectedBy !== null)
      out.push(`${mark} ${v.host.padEnd(hostWidth)}  ${v.rejectedBy}: ${ownReason(v.rejectedBy, v.reason)}`.trimEnd());
    else out.push(line(mark, v.host, 'passed', scoreCells[i]!, totals[i]!));
  });
  return out;
}

/**
 * A filter's reason as printed after the filter's name: without a first part that names the filter
 * again (AntiAffinity's "anti-affinity: a replica is already there" reads "AntiAffinity: a replica is
 * already there"). The reason itself, in events and in the count of reasons, stays as recorded.
 */
function ownReason(filter: string, reason: string | null): string {
  if (reason === null) return '';
  const colon = reason.indexOf(': ');
  return colon > 0 && squash(reason.slice(0, colon)) === squash(filter) ? reason.slice(colon + 2) : reason;
}

/** Letters and digits only, lower case: `AntiAffinity` and `anti-affinity` are one name. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function width(title: string, cells: readonly string[]): number {
  let w = title.length;
  for (const c of cells) if (c.length > w) w = c.length;
  return w;
}

/** At most `digits` decimals, without trailing zeros: 12.5, 300, 33.33. */
function number(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
