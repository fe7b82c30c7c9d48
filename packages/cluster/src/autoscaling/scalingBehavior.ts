/**
 * The HPA's `behavior` (autoscaling/v2): stabilisation windows and rate policies, as kube's
 * HorizontalController applies them after the replica calculator (kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal.go: `normalizeDesiredReplicasWithBehaviors`,
 * `stabilizeRecommendationWithBehaviors`, `convertDesiredReplicasWithBehaviorRate`,
 * `calculateScaleUpLimitWithScalingRules`, `calculateScaleDownLimitWithBehaviors`,
 * `getReplicasChangePerPeriod`). Pure functions over a {@link BehaviorState} passed explicitly.
 */

/** One rate policy: at most `value` pods, or `value` percent of the replicas, per `period` ms. */
export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly period: number;
}

/** One direction's rules: `HPAScalingRules`. */
export interface ScalingRules {
  readonly stabilizationWindow: number;
  /** Which policy wins: the one allowing the largest change (`Max`), the smallest (`Min`), or none (`Disabled`). */
  readonly selectPolicy: 'Max' | 'Min' | 'Disabled';
  readonly policies: readonly ScalingPolicy[];
}

export interface ScalingBehavior {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
}

/**
 * kube's default behaviour (pkg/apis/autoscaling/v2/defaults.go): scale up with no stabilisation,
 * by the larger of 4 pods or 100 % per 15 s; scale down after a 300 s window (the controller's
 * `--horizontal-pod-autoscaler-downscale-stabilization`), by up to 100 % per 15 s.
 */
export const DEFAULT_BEHAVIOR: ScalingBehavior = {
  scaleUp: {
    stabilizationWindow: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, period: 15_000 },
      { type: 'Percent', value: 100, period: 15_000 },
    ],
  },
  scaleDown: {
    stabilizationWindow: 300_000,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, period: 15_000 }],
  },
};

/** A change of the scale the HPA made: `change` replicas (positive) at `at`. */
export interface ScaleEvent {
  readonly change: number;
  readonly at: number;
}

/** What one HPA remembers between syncs: its recent recommendations and the changes it made. */
export interface BehaviorState {
  readonly recommendations: Array<{ readonly replicas: number; readonly at: number }>;
  readonly scaleUps: ScaleEvent[];
  readonly scaleDowns: ScaleEvent[];
}

export function createBehaviorState(): BehaviorState {
  return { recommendations: [], scaleUps: [], scaleDowns: [] };
}

/** Why the final count is what it is: kube's ScalingLimited condition reasons. */
export type LimitReason =
  | 'DesiredWithinRange'
  | 'ScaleUpLimit'
  | 'TooManyReplicas'
  | 'ScaleDownLimit'
  | 'TooFewReplicas';

/** Replicas changed by the events younger than `period` (kube: timestamp after now − period). */
function changeInPeriod(events: readonly ScaleEvent[], period: number, now: number): number {
  const cutoff = now - period;
  let sum = 0;
  for (const e of events) if (e.at > cutoff) sum += e.change;
  return sum;
}

/** The most replicas the scale-up rules allow now (kube's `calculateScaleUpLimitWithScalingRules`). */
export function scaleUpLimit(current: number, state: BehaviorState, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const policy of rules.policies) {
    const start =
      current -
      changeInPeriod(state.scaleUps, policy.period, now) +
      changeInPeriod(state.scaleDowns, policy.period, now);
    // Rounded up, so that a percentage of a few replicas still allows one more.
    const proposed = policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** The fewest replicas the scale-down rules allow now (kube's `calculateScaleDownLimitWithBehaviors`). */
export function scaleDownLimit(current: number, state: BehaviorState, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  // For scaling down the smallest change is the largest count.
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const policy of rules.policies) {
    const start =
      current -
      changeInPeriod(state.scaleUps, policy.period, now) +
      changeInPeriod(state.scaleDowns, policy.period, now);
    // Truncated (Go's int32 conversion).
    const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/**
 * kube's `stabilizeRecommendationWithBehaviors`: the recommendation is held between the lowest
 * recommendation of the scale-up window and the highest of the scale-down window (each including the
 * new one), starting from the current count; then the new recommendation is recorded.
 */
export function stabilize(
  current: number,
  desired: number,
  state: BehaviorState,
  behavior: ScalingBehavior,
  now: number,
): number {
  const upCutoff = now - behavior.scaleUp.stabilizationWindow;
  const downCutoff = now - behavior.scaleDown.stabilizationWindow;
  let up = desired;
  let down = desired;
  const recs = state.recommendations;
  let stale = -1;
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i]!;
    if (rec.at > upCutoff) up = Math.min(up, rec.replicas);
    if (rec.at > downCutoff) down = Math.max(down, rec.replicas);
    if (rec.at < upCutoff && rec.at < downCutoff) stale = i;
  }
  let recommendation = current;
  if (recommendation < up) recommendation = up;
  if (recommendation > down) recommendation = down;
  // kube reuses one outdated slot, so the log stays as long as the longest window needs.
  if (stale >= 0) recs[stale] = { replicas: desired, at: now };
  else recs.push({ replicas: desired, at: now });
  return recommendation;
}

/**
 * kube's `convertDesiredReplicasWithBehaviorRate`: the stabilised recommendation limited by the rate
 * policies and by min/max replicas, with the reason of the limit.
 */
export function limitByRate(
  current: number,
  desired: number,
  minReplicas: number,
  maxReplicas: number,
  state: BehaviorState,
  behavior: ScalingBehavior,
  now: number,
): { readonly replicas: number; readonly reason: LimitReason } {
  if (desired > current) {
    const limit = Math.max(scaleUpLimit(current, state, behavior.scaleUp, now), current);
    const [most, reason]: [number, LimitReason] =
      maxReplicas > limit ? [limit, 'ScaleUpLimit'] : [maxReplicas, 'TooManyReplicas'];
    if (desired > most) return { replicas: most, reason };
  } else if (desired < current) {
    const limit = Math.min(scaleDownLimit(current, state, behavior.scaleDown, now), current);
    const [fewest, reason]: [number, LimitReason] =
      minReplicas < limit ? [limit, 'ScaleDownLimit'] : [minReplicas, 'TooFewReplicas'];
    if (desired < fewest) return { replicas: fewest, reason };
  }
  return { replicas: desired, reason: 'DesiredWithinRange' };
}

/**
 * The count the HPA sets (kube's `normalizeDesiredReplicasWithBehaviors`): stabilise the calculator's
 * recommendation, then limit it by rate and by min/max. Records the recommendation in `state`; the
 * caller records the change with {@link recordScale} once it is applied.
 */
export function normalizeWithBehavior(
  current: number,
  recommended: number,
  minReplicas: number,
  maxReplicas: number,
  state: BehaviorState,
  behavior: ScalingBehavior,
  now: number,
): { readonly replicas: number; readonly reason: LimitReason; readonly stabilized: number } {
  const stabilized = stabilize(current, recommended, state, behavior, now);
  return { ...limitByRate(current, stabilized, minReplicas, maxReplicas, state, behavior, now), stabilized };
}

/**
 * Records a change of the scale (kube's `storeScaleEvent`), dropping events older than the longest
 * policy period of their direction.
 */
export function recordScale(
  state: BehaviorState,
  behavior: ScalingBehavior,
  from: number,
  to: number,
  now: number,
): void {
  if (to === from) return;
  const [events, rules] = to > from ? [state.scaleUps, behavior.scaleUp] : [state.scaleDowns, behavior.scaleDown];
  let longest = 0;
  for (const p of rules.policies) longest = Math.max(longest, p.period);
  const cutoff = now - longest;
  let kept = 0;
  for (const e of events) if (e.at >= cutoff) events[kept++] = e;
  events.length = kept;
  events.push({ change: Math.abs(to - from), at: now });
}
