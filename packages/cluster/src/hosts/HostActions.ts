import { ConfigError, type Environment, type RandomStream } from '@berth/kernel';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import { parseDuration } from '../quantities/parseDuration.js';
import { describeValue } from '../scenario/describeValue.js';
import { LIMITS } from '../scenario/fieldSchemas.js';
import { resourcesSchema } from '../scenario/hostFieldSchemas.js';
import { validate } from '../scenario/parseScenario.js';
import { hostSpecSchema } from '../scenario/scenarioSchema.js';
import type { ClusterState } from '../simulation/ClusterState.js';
import { HOST_STATES, Host, type HostState } from './Host.js';
import type { HostSpec } from './HostSpec.js';

/** What host actions need around them. */
export interface HostActionsRuntime {
  readonly env: Environment;
  readonly cluster: ClusterState;
  emit(event: ClusterEvent): void;
  /** The stream each joining host draws its heartbeat phase from (a child stream per host name). */
  readonly heartbeats: RandomStream;
  readonly heartbeatPeriodMs: number;
}

/**
 * What happens to hosts, as the cluster's books record it and the event log tells it: the control
 * plane's view changes (`setHostState`), a host joins (`addHost`), and the machine itself fails
 * (`crashHost`, `partitionHost`) or comes back. Each only changes the host and records the event;
 * the parts that must react — the scheduler, the host's agent, the node lifecycle controller — hear it.
 */
export class HostActions {
  constructor(private readonly rt: HostActionsRuntime) {}

  /** Changes a host's state (cordon, down, ready...) as the control plane sees it. */
  setHostState(name: string, state: HostState): void {
    const host = this.hostNamed(name);
    if (!HOST_STATES.includes(state)) {
      const expected = HOST_STATES.map((s) => `'${s}'`).join(', ');
      throw new ConfigError(
        [{ path: 'state', message: `expected one of ${expected}, got ${describeValue(state)}` }],
        'argument',
      );
    }
    if (host.state === state) return;
    const from = host.state;
    host.state = state;
    this.rt.emit({ at: this.rt.env.now, type: 'host.state', host: name, from, to: state });
  }

  /**
   * Adds a host now, as a node joining the cluster (capacity in Kubernetes notation: `{ cpu: '4',
   * memory: '16Gi' }`). Resources the scenario did not know cannot be added mid-run.
   */
  addHost(spec: HostSpec): Host {
    const { cluster } = this.rt;
    const resources = cluster.resources;
    const parsed = validate(hostSpecSchema, spec);
    if (!parsed.ok) throw new ConfigError(parsed.issues, 'host');
    const h = parsed.value;
    const issues: Array<{ path: string; message: string }> = [];
    if (cluster.hostsByName.has(h.name)) issues.push({ path: 'name', message: `a host named '${h.name}' exists` });
    if (cluster.hosts.length >= LIMITS.hosts) {
      issues.push({ path: 'name', message: `at most ${LIMITS.hosts} hosts are supported in all` });
    }
    const capacity = resources.vector();
    for (const [resource, value] of Object.entries(h.capacity)) {
      const index = resources.indexOf(resource);
      if (index < 0)
        issues.push({ path: `capacity.${resource}`, message: `resource '${resource}' is not in this simulation` });
      else capacity[index] = value;
    }
    if (issues.length > 0) throw new ConfigError(issues, 'host');
    const labels: Record<string, string> = Object.assign(Object.create(null), h.labels);
    const host = new Host(
      cluster.hosts.length,
      h.name,
      h.group ?? h.name,
      capacity,
      h.maxContainers,
      labels,
      h.taints,
      h.hourlyCost,
    );
    const period = this.rt.heartbeatPeriodMs;
    host.heartbeatPhase = period > 0 ? this.rt.heartbeats.stream(spec.name).integer(0, period) : 0;
    cluster.addHost(host);
    this.rt.emit({ at: this.rt.env.now, type: 'host.added', host: host.name, group: host.group });
    return host;
  }

  /**
   * Changes a host's allocatable capacity now, in Kubernetes notation (`{ cpu: '8', memory: '32Gi' }`):
   * the resources named take the new amounts, the others keep theirs. What is bound stays bound even
   * where it now exceeds the capacity: nothing is evicted, nothing new fits until enough ends (the
   * kubelet checks allocatable when it admits a pod, and evicts on measured node pressure, never on a
   * smaller allocatable by itself). Every index of free capacity hears `host.resized`.
   */
  resizeHost(name: string, capacity: Readonly<Record<string, number | string>>): void {
    const host = this.hostNamed(name);
    const { cluster } = this.rt;
    const parsed = validate(resourcesSchema, capacity, ['capacity']);
    if (!parsed.ok) throw new ConfigError(parsed.issues, 'argument');
    const next = Float64Array.from(host.capacity);
    const issues: Array<{ path: string; message: string }> = [];
    for (const [resource, value] of Object.entries(parsed.value)) {
      const index = cluster.resources.indexOf(resource);
      if (index < 0)
        issues.push({ path: `capacity.${resource}`, message: `resource '${resource}' is not in this simulation` });
      else next[index] = value;
    }
    if (issues.length > 0) throw new ConfigError(issues, 'argument');
    cluster.resizeHost(host, next);
    this.rt.emit({
      at: this.rt.env.now,
      type: 'host.resized',
      host: name,
      capacity: cluster.resources.toRecord(next),
    });
  }

  /** Crashes a host now; with `recoverAfter` (ms or text), it comes back after that long. */
  crashHost(name: string, options?: { readonly recoverAfter?: number | string | undefined }): void {
    const host = this.hostNamed(name);
    // Checked before anything changes, so that a bad argument leaves the host as it was.
    const recoverAfter =
      options?.recoverAfter === undefined ? undefined : durationArgument('recoverAfter', options.recoverAfter);
    if (!host.alive) return;
    host.alive = false;
    this.rt.emit({ at: this.rt.env.now, type: 'host.crashed', host: name });
    if (recoverAfter !== undefined) this.later(recoverAfter, () => this.recoverHost(name));
  }

  /** Brings a crashed host back. */
  recoverHost(name: string): void {
    const host = this.hostNamed(name);
    if (host.alive) return;
    host.alive = true;
    this.rt.emit({ at: this.rt.env.now, type: 'host.recovered', host: name });
  }

  /** Cuts a host off from the control plane; with `healAfter` (ms or text), the partition ends after that long. */
  partitionHost(name: string, options?: { readonly healAfter?: number | string | undefined }): void {
    const host = this.hostNamed(name);
    const healAfter = options?.healAfter === undefined ? undefined : durationArgument('healAfter', options.healAfter);
    if (!host.reachable) return;
    host.reachable = false;
    this.rt.emit({ at: this.rt.env.now, type: 'host.partitioned', host: name });
    if (healAfter !== undefined) this.later(healAfter, () => this.healHost(name));
  }

  /** Ends a partition. */
  healHost(name: string): void {
    const host = this.hostNamed(name);
    if (host.reachable) return;
    host.reachable = true;
    this.rt.emit({ at: this.rt.env.now, type: 'host.healed', host: name });
  }

  private later(delay: number, action: () => void): void {
    this.rt.env.schedule(delay, action);
  }

  private hostNamed(name: string): Host {
    const host = this.rt.cluster.hostsByName.get(name);
    if (host === undefined) {
      throw new ConfigError([{ path: 'host', message: `no host named ${describeValue(name)}` }], 'argument');
    }
    return host;
  }
}

function durationArgument(path: string, value: number | string): number {
  const ms = parseDuration(value);
  if (typeof ms === 'string') throw new ConfigError([{ path, message: ms }], 'argument');
  return ms;
}
