/**
 * A resource demand as a function of simulated time, for services whose usage does not come from
 * requests: a constant, a daily curve, or steps. Values are in the resource's units (cpu in
 * millicores, memory in MiB); times in ms.
 */
export type UsageCurve =
  | { readonly shape: 'constant'; readonly value: number }
  | {
      readonly shape: 'diurnal';
      readonly mean: number;
      /** Relative swing around the mean, 0..1: the curve runs from mean·(1 − a) to mean·(1 + a). */
      readonly amplitude: number;
      readonly period: number;
      readonly peakAt: number;
    }
  | {
      readonly shape: 'steps';
      /** The value before the first step. */
      readonly initial: number;
      /** From `at` on, the value is `value`; `at` strictly increasing. */
      readonly steps: ReadonlyArray<{ readonly at: number; readonly value: number }>;
    };

/**
 * The curve's value at `t`. A diurnal curve has the shape of the traffic's diurnal arrivals:
 * mean·(1 + a·cos(2π(t − peakAt)/period)).
 */
export function curveAt(curve: UsageCurve, t: number): number {
  switch (curve.shape) {
    case 'constant':
      return curve.value;
    case 'diurnal':
      return curve.mean * (1 + curve.amplitude * Math.cos((2 * Math.PI * (t - curve.peakAt)) / curve.period));
    case 'steps': {
      let value = curve.initial;
      for (const step of curve.steps) {
        if (step.at > t) break;
        value = step.value;
      }
      return value;
    }
  }
}

/** The integral of the curve from `from` to `to` (value × ms), exactly (closed form for each shape). */
export function curveIntegral(curve: UsageCurve, from: number, to: number): number {
  if (to <= from) return 0;
  switch (curve.shape) {
    case 'constant':
      return curve.value * (to - from);
    case 'diurnal': {
      const omega = (2 * Math.PI) / curve.period;
      const swing = Math.sin(omega * (to - curve.peakAt)) - Math.sin(omega * (from - curve.peakAt));
      return curve.mean * (to - from + (curve.amplitude * swing) / omega);
    }
    case 'steps': {
      let total = 0;
      let at = from;
      let value = curveAt(curve, from);
      for (const step of curve.steps) {
        if (step.at <= from) continue;
        if (step.at >= to) break;
        total += value * (step.at - at);
        at = step.at;
        value = step.value;
      }
      return total + value * (to - at);
    }
  }
}
