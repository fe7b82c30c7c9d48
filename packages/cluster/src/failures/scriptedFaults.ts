import { ConfigError, type ConfigIssue } from '@berth/kernel';
import { isFinished } from '../containers/Container.js';
import { zoneOutage } from '../operations/zoneOutage.js';
import { parseDuration } from '../quantities/parseDuration.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { FailureModel } from './FailureModel.js';

/** A duration or a simulated time: ms, or text such as '90s' or '2h'. */
type Time = number | string;

/**
 * One fault at a given simulated time `at` (absolute, not relative to the attachment):
 * - `host-crash`: the host dies with its containers (`sim.crashHost`); back after `recoverAfter` if given.
 * - `partition`: the host is cut off from the control plane but keeps running (`sim.partitionHost`); healed after `healAfter` if given.
 * - `container-crash`: the process exits (`sim.crashContainer`).
 * - `hang`: the process stays up but stops answering probes (`sim.hangContainer`).
 * - `readiness-failure`: the readiness probe fails for `duration` (`sim.failReadiness`).
 * - `zone-outage`: every host whose label `key` equals `value` crashes (or, with `mode: 'partition'`, is cut
 *   off) at once, through `zoneOutage`; back after `recoverAfter` if given.
 */
export type ScriptedFault =
  | {
      readonly at: Time;
      readonly kind: 'host-crash';
      readonly host: string;
      readonly recoverAfter?: Time | undefined;
    }
  | { readonly at: Time; readonly kind: 'partition'; readonly host: string; readonly healAfter?: Time | undefined }
  | {
      readonly at: Time;
      readonly kind: 'container-crash';
      readonly container: string;
      readonly reason?: string | undefined;
    }
  | { readonly at: Time; readonly kind: 'hang'; readonly container: string }
  | { readonly at: Time; readonly kind: 'readiness-failure'; readonly container: string; readonly duration: Time }
  | {
      readonly at: Time;
      readonly kind: 'zone-outage';
      readonly key: string;
      readonly value: string;
      readonly mode?: 'crash' | 'partition' | undefined;
      readonly recoverAfter?: Time | undefined;
    };

/** The kinds of {@link ScriptedFault}. */
export const SCRIPTED_FAULT_KINDS = [
  'host-crash',
  'partition',
  'container-crash',
  'hang',
  'readiness-failure',
  'zone-outage',
] as const;

/** A fault checked and converted to ms. */
interface Planned {
  readonly index: number;
  readonly at: number;
  readonly fault: ScriptedFault;
  /** recoverAfter / healAfter / duration in ms, or undefined. */
  readonly span: number | undefined;
}

/**
 * Faults at given times, as a test or a lesson scripts them ("node-2 dies at 10 min and is back 5 min
 * later"). The list is checked when the model is created (every problem reported at once, by path
 * `faults[i].field`) and again against the cluster when attached (unknown hosts, a zone label no host
 * carries, a time already past). A container fault names its container by name; when it comes, an
 * unknown name is a ConfigError, and a container that is not running (pending, restarting, finished)
 * is left alone, as `kill` on an exited process does nothing.
 */
export function scriptedFaults(faults: readonly ScriptedFault[]): FailureModel {
  if (!Array.isArray(faults)) {
    throw new ConfigError([{ path: 'faults', message: 'expected an array of faults' }], 'faults');
  }
  const issues: ConfigIssue[] = [];
  const planned: Planned[] = faults.map((fault, index) => check(fault, index, issues));
  if (issues.length > 0) throw new ConfigError(issues, 'faults');

  return Object.freeze({
    name: 'scripted-faults',
    attach(sim: ClusterRuntime): void {
      const attachIssues: ConfigIssue[] = [];
      for (const p of planned) {
        const f = p.fault;
        if (p.at < sim.now) {
          attachIssues.push({
            path: `faults[${p.index}].at`,
            message: `${p.at} ms is already past (the simulation is at ${sim.now} ms)`,
          });
        }
        if ((f.kind === 'host-crash' || f.kind === 'partition') && !sim.cluster.hostsByName.has(f.host)) {
          attachIssues.push({ path: `faults[${p.index}].host`, message: `no host named '${f.host}'` });
        }
        if (f.kind === 'zone-outage' && !sim.cluster.hosts.some((h) => h.labels[f.key] === f.value)) {
          attachIssues.push({
            path: `faults[${p.index}].value`,
            message: `no host has the label ${f.key}=${f.value}`,
          });
        }
      }
      if (attachIssues.length > 0) throw new ConfigError(attachIssues, 'faults');
      for (const p of planned) {
        sim.env.schedule(p.at - sim.now, () => apply(sim, p), undefined, { name: `fault:${p.fault.kind}` });
      }
    },
  });
}

function apply(sim: ClusterRuntime, p: Planned): void {
  const f = p.fault;
  switch (f.kind) {
    case 'host-crash':
      sim.crashHost(f.host, p.span === undefined ? undefined : { recoverAfter: p.span });
      return;
    case 'partition':
      sim.partitionHost(f.host, p.span === undefined ? undefined : { healAfter: p.span });
      return;
    case 'zone-outage':
      zoneOutage(sim, { key: f.key, value: f.value, mode: f.mode, recoverAfter: p.span });
      return;
    case 'container-crash':
    case 'hang':
    case 'readiness-failure': {
      const c = sim.container(f.container);
      if (c === undefined) {
        throw new ConfigError(
          [{ path: `faults[${p.index}].container`, message: `no container named '${f.container}' at ${sim.now} ms` }],
          'faults',
        );
      }
      if (!c.health.alive || isFinished(c.phase)) return;
      if (f.kind === 'container-crash') sim.crashContainer(f.container, f.reason ?? 'scripted crash');
      else if (f.kind === 'hang') sim.hangContainer(f.container);
      else sim.failReadiness(f.container, p.span!);
    }
  }
}

function check(fault: ScriptedFault, index: number, issues: ConfigIssue[]): Planned {
  const path = `faults[${index}]`;
  const bad = (field: string, message: string) => issues.push({ path: `${path}.${field}`, message });
  if (typeof fault !== 'object' || fault === null) {
    issues.push({ path, message: 'expected a fault object such as { at, kind, ... }' });
    return { index, at: 0, fault, span: undefined };
  }
  const at = time(fault.at, 'at', bad, true) ?? 0;
  let span: number | undefined;
  const name = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value === '') bad(field, `expected a name, got ${JSON.stringify(value)}`);
  };
  switch (fault.kind) {
    case 'host-crash':
      name('host', fault.host);
      span = time(fault.recoverAfter, 'recoverAfter', bad, false);
      break;
    case 'partition':
      name('host', fault.host);
      span = time(fault.healAfter, 'healAfter', bad, false);
      break;
    case 'zone-outage':
      name('key', fault.key);
      if (typeof fault.value !== 'string') bad('value', `expected a label value, got ${JSON.stringify(fault.value)}`);
      if (fault.mode !== undefined && fault.mode !== 'crash' && fault.mode !== 'partition') {
        bad('mode', `expected 'crash' or 'partition', got ${JSON.stringify(fault.mode)}`);
      }
      span = time(fault.recoverAfter, 'recoverAfter', bad, false);
      break;
    case 'container-crash':
      name('container', fault.container);
      if (fault.reason !== undefined) name('reason', fault.reason);
      break;
    case 'hang':
      name('container', fault.container);
      break;
    case 'readiness-failure':
      name('container', fault.container);
      span = time(fault.duration, 'duration', bad, true);
      break;
    default:
      bad(
        'kind',
        `expected one of ${SCRIPTED_FAULT_KINDS.join(', ')}, got ${JSON.stringify((fault as { kind?: unknown }).kind)}`,
      );
  }
  return { index, at, fault, span };
}

function time(
  value: unknown,
  field: string,
  bad: (field: string, message: string) => void,
  required: boolean,
): number | undefined {
  if (value === undefined) {
    if (required) bad(field, "expected a time: ms, or text such as '90s' or '10m'");
    return undefined;
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    bad(field, `expected ms or text such as '90s', got ${JSON.stringify(value)}`);
    return undefined;
  }
  const ms = parseDuration(value);
  if (typeof ms === 'string') {
    bad(field, ms);
    return undefined;
  }
  return ms;
}
