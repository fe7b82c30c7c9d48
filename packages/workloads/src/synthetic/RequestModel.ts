import type { RandomStream } from '@berth/kernel';

/** Resource requests in Berth's units: cpu in millicores, memory in MiB, gpu and others as counts. */
export type Requests = Record<string, number>;

/** How big each container is: a fresh request record per draw, from the stream given. */
export interface RequestModel {
  /** Stable name for reports: `distributions`, `mix`. */
  readonly name: string;
  sample(stream: RandomStream): Requests;
}
