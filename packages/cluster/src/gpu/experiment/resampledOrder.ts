import type { RandomStream } from '@berth/kernel';

/**
 * The FGD paper's submission order (Weng et al., USENIX ATC 2023, §6; its simulator's `--shuffle-pod`
 * and `TunePodsByNodeTotalResource` with `tune` 1.3), as indices into a list of `amounts.length` items:
 * the list shuffled (Fisher–Yates, when `shuffle`), then, when `target` is given, indices drawn
 * uniformly with replacement and appended until the next one would take the summed amount past
 * `target`. Every draw comes from `stream`, so one seed gives one order, in the paper's experiment
 * ({@link runFragmentationExperiment}) and in a scenario's `submission` alike.
 */
export function resampledOrder(
  amounts: ArrayLike<number>,
  shuffle: boolean,
  target: number | null,
  stream: RandomStream,
): number[] {
  const n = amounts.length;
  const order = Array.from({ length: n }, (_, i) => i);
  if (shuffle) {
    for (let i = n - 1; i > 0; i--) {
      const j = stream.integer(0, i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
  }
  if (target === null || n === 0) return order;
  let requested = 0;
  for (let i = 0; i < n; i++) requested += amounts[i]!;
  for (;;) {
    const i = stream.integer(0, n);
    if (requested + amounts[i]! > target) return order;
    requested += amounts[i]!;
    order.push(i);
  }
}
