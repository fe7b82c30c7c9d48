import { createHash } from 'node:crypto';
import type { ClusterEvent } from '@berth/cluster';

/**
 * A digest of a run's whole event stream, each event written as `berth run --events` writes it (one JSON
 * line), so two runs agree exactly when their streams are byte for byte the same.
 */
export class EventDigest {
  private readonly hash = createHash('sha256');
  private count = 0;

  /** Hears one event; pass as `onEvent`. */
  readonly listen = (event: ClusterEvent): void => {
    this.hash.update(`${JSON.stringify(event)}\n`);
    this.count += 1;
  };

  /** The events heard and the first 16 hex digits of the stream's SHA-256; call once, at the end. */
  summary(): string {
    return `${this.count} events, stream sha256 ${this.hash.digest('hex').slice(0, 16)}`;
  }
}
