import type { ArrivalProcess } from '@berth/kernel';

/** Open-loop load: requests of one type arriving at a service from outside, per an arrival process. */
export interface LoadSource {
  /** Stable name, for metrics and reports. */
  readonly name: string;
  /** The request type sent. */
  readonly request: string;
  readonly arrivals: ArrivalProcess;
  /** Requests carry a hash key drawn uniformly from this many keys (for consistent hashing); 0: none. */
  readonly keys: number;
}
