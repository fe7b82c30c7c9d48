/**
 * Why a request failed, as metrics and `request.failed` events name it:
 * - `timeout`: the client stopped waiting (the request type's timeout passed);
 * - `queue-full`: the replica's queue was full and it refused the request;
 * - `crashed`: the replica's process died (a crash, its host failing, an eviction) while holding it;
 * - `stale-endpoint`: sent to a replica the data plane still listed but whose process was gone
 *   (connection refused): the price of slow discovery;
 * - `no-endpoint`: the service had no endpoint at all in the data plane's view;
 * - `dependency`: a call the request made to another service failed.
 */
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** Every {@link FailureCause}, in a fixed order for reports. */
export const FAILURE_CAUSES = [
  'timeout',
  'queue-full',
  'crashed',
  'stale-endpoint',
  'no-endpoint',
  'dependency',
] as const;
