import { GPU_STRATEGIES } from '../gpu/gpuStrategies.js';
import { HEURISTICS } from './heuristics.js';
import { PRESETS } from './presets/presetCatalog.js';
import type { StrategyFactory } from './StrategyFactory.js';

/**
 * Every built-in strategy, by the name a scenario gives in `scheduler.strategy` (and the CLI in
 * `--strategy`): the `PRESETS` and the classic `HEURISTICS`. Listed with the two
 * Kubernetes presets first (the default), then the heuristics, then the other systems' presets: the
 * order in which error messages list the known names.
 */
export const STRATEGIES: Readonly<Record<string, StrategyFactory>> = {
  kubernetes: PRESETS.kubernetes!,
  'kubernetes-1.36': PRESETS['kubernetes-1.36']!,
  ...HEURISTICS,
  // Keys already present keep their place, so the Kubernetes presets stay first.
  ...PRESETS,
  ...GPU_STRATEGIES,
};
