import type { Callback } from '@berth/kernel';
import type { Endpoint, HeldWork } from './Endpoint.js';
import type { LoadSource } from './LoadSource.js';

/**
 * One client of a load source: a closed-loop user, or the whole open-loop source. Holds its persistent
 * connections, each bound to a replica (and the node it entered by) until that replica's process is
 * gone; then the next request on it opens a new one. `Work` is what its replicas hold (an attempt).
 */
export class Client<Work extends HeldWork> {
  /** The replica each connection goes to, or null before it is opened. */
  readonly endpoints: Array<Endpoint<Work> | null>;
  /** 1 where the connection crosses from the node it entered by to another node. */
  readonly remote: Uint8Array;
  /** The connection the next request takes. */
  next = 0;
  /** A closed-loop user's think time in progress. */
  thinking: Callback | null = null;

  constructor(
    readonly source: LoadSource,
    connections: number,
  ) {
    this.endpoints = new Array(connections).fill(null);
    this.remote = new Uint8Array(connections);
  }
}
