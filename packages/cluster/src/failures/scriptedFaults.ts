import { ConfigError, type ConfigIssue } from '@berth/kernel';
import { z } from 'zod';
import { isFinished } from '../containers/Container.js';
import { zoneOutage } from '../operations/zoneOutage.js';
import { validate } from '../scenario/parseScenario.js';
import { faultSchema } from '../scenario/scenarioSchema.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { FailureModel } from './FailureModel.js';

/**
 * One fault at a given simulated time `at` (absolute, not relative to the attachment), times in ms or
 * text such as '90s' or '2h':
 * - `host-crash`: the host dies with its containers (`sim.crashHost`); back after `recoverAfter` if given.
 * - `partition`: the host is cut off from the control plane but keeps running (`sim.partitionHost`); healed after `healAfter` if given.
 * - `container-crash`: the process exits (`sim.crashContainer`).
 * - `hang`: the process stays up but stops answering probes (`sim.hangContainer`).
 * - `readiness-failure`: the readiness probe fails for `duration` (`sim.failReadiness`).
 * - `zone-outage`: every host whose label `key` equals `value` crashes (or, with `mode: 'partition'`, is cut
 *   off) at once, through `zoneOutage`; back after `recoverAfter` if given.
 * The scenario's `faults` entries are these, checked by the same schema.
 */
export type ScriptedFault = z.input<typeof faultSchema>;

/** The kinds of {@link ScriptedFault}. */
export const SCRIPTED_FAULT_KINDS = [
  'host-crash',
  'partition',
  'container-crash',
  'hang',
  'readiness-failure',
  'zone-outage',
] as const;

/** A scripted fault as parsed: times in ms. */
export type PlannedFault = z.output<typeof faultSchema>;

const faultListSchema = z.array(faultSchema);

/**
 * Faults at given times, as a test or a lesson scripts them ("node-2 dies at 10 min and is back 5 min
 * later"). The list is checked when the model is created, with the scenario's own schema (every
 * problem reported at once, by path `faults[i].field`), and again against the cluster when attached
 * (unknown hosts, a zone label no host carries, a time already past). A container fault names its
 * container by name; when it comes, an unknown name is a ConfigError, and a container that is not
 * running (pending, restarting, finished) is left alone, as `kill` on an exited process does nothing.
 */
export function scriptedFaults(faults: readonly ScriptedFault[]): FailureModel {
  const parsed = validate(faultListSchema, faults, ['faults']);
  if (!parsed.ok) throw new ConfigError(parsed.issues, 'faults');
  return plannedFaults(parsed.value);
}

/** {@link scriptedFaults} for a list already parsed (a scenario's `faults`): not checked again. */
export function plannedFaults(faults: readonly PlannedFault[]): FailureModel {
  return Object.freeze({
    name: 'scripted-faults',
    attach(sim: ClusterRuntime): void {
      const issues: ConfigIssue[] = [];
      faults.forEach((f, index) => {
        if (f.at < sim.now) {
          issues.push({
            path: `faults[${index}].at`,
            message: `${f.at} ms is already past (the simulation is at ${sim.now} ms)`,
          });
        }
        if ((f.kind === 'host-crash' || f.kind === 'partition') && !sim.cluster.hostsByName.has(f.host)) {
          issues.push({ path: `faults[${index}].host`, message: `no host named '${f.host}'` });
        }
        if (f.kind === 'zone-outage' && !sim.cluster.hosts.some((h) => h.labels[f.key] === f.value)) {
          issues.push({ path: `faults[${index}].value`, message: `no host has the label ${f.key}=${f.value}` });
        }
      });
      if (issues.length > 0) throw new ConfigError(issues, 'faults');
      faults.forEach((f, index) => {
        sim.env.schedule(f.at - sim.now, () => apply(sim, f, index), undefined, { name: `fault:${f.kind}` });
      });
    },
  });
}

function apply(sim: ClusterRuntime, f: PlannedFault, index: number): void {
  switch (f.kind) {
    case 'host-crash':
      sim.crashHost(f.host, f.recoverAfter === undefined ? undefined : { recoverAfter: f.recoverAfter });
      return;
    case 'partition':
      sim.partitionHost(f.host, f.healAfter === undefined ? undefined : { healAfter: f.healAfter });
      return;
    case 'zone-outage':
      zoneOutage(sim, { key: f.key, value: f.value, mode: f.mode, recoverAfter: f.recoverAfter });
      return;
    case 'container-crash':
    case 'hang':
    case 'readiness-failure': {
      const c = sim.container(f.container);
      if (c === undefined) {
        throw new ConfigError(
          [{ path: `faults[${index}].container`, message: `no container named '${f.container}' at ${sim.now} ms` }],
          'faults',
        );
      }
      if (!c.health.alive || isFinished(c.phase)) return;
      if (f.kind === 'container-crash') sim.crashContainer(f.container, f.reason ?? 'scripted crash');
      else if (f.kind === 'hang') sim.hangContainer(f.container);
      else sim.failReadiness(f.container, f.duration);
    }
  }
}
