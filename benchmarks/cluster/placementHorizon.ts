/**
 * Simulated time at which a benchmark run stops. Every container arrives at time 0 and, when it fits,
 * is running within the same instant; one that fits nowhere would be retried every 5 minutes (kube's
 * maxUnschedulableWait) for ever, since the placed containers never end. The horizon turns that into a
 * finished run that `runPlacement` then reports as a failure.
 */
export const PLACEMENT_HORIZON = '30m';
