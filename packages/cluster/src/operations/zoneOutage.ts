import { argumentError } from '@berth/kernel';
import { parseDuration } from '../quantities/parseDuration.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** Options of {@link zoneOutage}. */
export interface ZoneOutageOptions {
  /** The host label that names the zone, e.g. `topology.kubernetes.io/zone`. */
  readonly key: string;
  /** The zone that fails: every host whose label `key` has this value. */
  readonly value: string;
  /** `'crash'` (the default): the machines stop; `'partition'`: they run on, cut off from the control plane. */
  readonly mode?: 'crash' | 'partition' | undefined;
  /** When the zone comes back (ms or text such as `'10m'`); omitted, it stays out. */
  readonly recoverAfter?: number | string | undefined;
}

/** What a zone outage hit. */
export interface ZoneOutage {
  readonly at: number;
  /** Names of the hosts that failed, in host order. */
  readonly hosts: readonly string[];
  /** When they come back, or null. */
  readonly recoversAt: number | null;
}

/**
 * Takes a whole zone out now: every host whose label `key` equals `value` crashes (or is partitioned)
 * at the same instant, and comes back together after `recoverAfter`. Detection and replacement then
 * follow the simulation's node-health timings, as for any failed host. Hosts already down stay as
 * they are. Throws when no host carries that label value, since an outage that hits nothing is
 * almost always a typo.
 */
export function zoneOutage(sim: ClusterRuntime, options: ZoneOutageOptions): ZoneOutage {
  const { key, value } = options;
  const mode = options.mode ?? 'crash';
  if (mode !== 'crash' && mode !== 'partition')
    throw argumentError('mode', `expected 'crash' or 'partition', got '${String(mode)}'`);
  let delay: number | null = null;
  if (options.recoverAfter !== undefined) {
    const ms = parseDuration(options.recoverAfter);
    if (typeof ms === 'string') throw argumentError('recoverAfter', ms);
    delay = ms;
  }
  const hosts = sim.cluster.hosts.filter((h) => h.labels[key] === value).map((h) => h.name);
  if (hosts.length === 0) {
    const seen = [...new Set(sim.cluster.hosts.map((h) => h.labels[key]).filter((v) => v !== undefined))];
    throw argumentError(
      'value',
      `no host has label ${key}=${value}; values of '${key}': ${seen.length === 0 ? '(none)' : seen.join(', ')}`,
    );
  }
  for (const name of hosts) {
    if (mode === 'crash') sim.crashHost(name, delay === null ? undefined : { recoverAfter: delay });
    else sim.partitionHost(name, delay === null ? undefined : { healAfter: delay });
  }
  return { at: sim.now, hosts, recoversAt: delay === null ? null : sim.now + delay };
}
