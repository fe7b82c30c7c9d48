import { argumentError, type Distribution, type RandomStream } from '@berth/kernel';

/**
 * Bounded (truncated) Pareto on [lower, upper] with tail index `shape`: heavy-tailed like job
 * durations in cluster traces (most short, a few very long), yet with every draw finite, so a
 * simulation ends. Inverse CDF: x = L / (1 − u(1 − (L/H)^α))^(1/α). Mean (α ≠ 1):
 * L^α/(1 − (L/H)^α) · α/(α − 1) · (L^(1−α) − H^(1−α)); for α = 1, H·L·ln(H/L)/(H − L).
 */
export function boundedParetoDist(lower: number, upper: number, shape: number): Distribution {
  if (!(lower > 0 && Number.isFinite(lower)))
    throw argumentError('lower', `expected a positive finite number, got ${lower}`);
  if (!(upper > lower && Number.isFinite(upper))) {
    throw argumentError('upper', `expected a finite number above lower (${lower}), got ${upper}`);
  }
  if (!(shape > 0 && Number.isFinite(shape)))
    throw argumentError('shape', `expected a positive finite number, got ${shape}`);
  const ratio = (lower / upper) ** shape;
  const mean =
    shape === 1
      ? (upper * lower * Math.log(upper / lower)) / (upper - lower)
      : (lower ** shape / (1 - ratio)) * (shape / (shape - 1)) * (lower ** (1 - shape) - upper ** (1 - shape));
  return Object.freeze({
    name: 'bounded-pareto',
    mean,
    sample: (stream: RandomStream) => Math.min(upper, lower / (1 - stream.next() * (1 - ratio)) ** (1 / shape)),
  });
}
