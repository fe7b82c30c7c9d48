import type { HostState, HostView } from '../hosts/Host.js';

/**
 * What per-host answers (a filter verdict, a raw score), stored by host id, were computed from: the
 * host's allocation `version` and state, the container's request vectors, and a caller's key (which
 * plug-ins ran). An answer stays valid while all of these are unchanged. Sized for a number of hosts;
 * `reset` forgets everything (hosts join rarely).
 */
export class HostStamps {
  private version = new Float64Array(0);
  private key = new Int32Array(0);
  private state: Array<HostState | undefined> = [];
  private requests: Array<Float64Array | undefined> = [];
  private nonZero: Array<Float64Array | undefined> = [];

  /** Number of hosts covered. */
  get size(): number {
    return this.version.length;
  }

  /** Covers `hosts` hosts, every one unstamped. */
  reset(hosts: number): void {
    this.version = new Float64Array(hosts).fill(-1);
    this.key = new Int32Array(hosts);
    // Filled up front: arrays written at scattered ids would fall back to slow dictionary storage.
    this.state = Array.from({ length: hosts }, () => undefined);
    this.requests = Array.from({ length: hosts }, () => undefined);
    this.nonZero = Array.from({ length: hosts }, () => undefined);
  }

  /** True when the host's stored answer was computed from exactly these inputs. */
  matches(host: HostView, requests: Float64Array, nonZero: Float64Array, key: number): boolean {
    const id = host.id;
    return (
      this.version[id] === host.version &&
      this.requests[id] === requests &&
      this.nonZero[id] === nonZero &&
      this.state[id] === host.state &&
      this.key[id] === key
    );
  }

  /** Records the inputs of the answer just stored for `host`. */
  stamp(host: HostView, requests: Float64Array, nonZero: Float64Array, key: number): void {
    const id = host.id;
    this.version[id] = host.version;
    this.requests[id] = requests;
    this.nonZero[id] = nonZero;
    this.state[id] = host.state;
    this.key[id] = key;
  }
}
