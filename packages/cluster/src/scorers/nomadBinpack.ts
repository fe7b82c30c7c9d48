import type { Scorer } from '../scheduler/Scorer.js';
import { clampNomadFit, nomadFitTotal, scaleNomadFit } from './nomadFitTotal.js';

/**
 * Nomad's default bin-packing fit, BestFit v3 (nomad/structs/funcs.go `ScoreFitBinPack`, used by
 * scheduler/rank.go BinPackIterator): raw `20 − (10^freeCpu + 10^freeMem)` clamped to [0, 18], so an
 * empty host scores 0, a full host 18 and one left half free 13.675. Nomad divides by 18 to get its
 * 0..1 score; here it is scaled to 0..MAX_SCORE as `raw / 18 × 100` and kept as a float (not rounded)
 * so that near-ties stay as Nomad sees them, which differs from kube scorers' integer scores.
 */
export function nomadBinpack(): Scorer {
  return {
    name: 'NomadBinpack',
    score: (request, host) => clampNomadFit(20 - nomadFitTotal(request, host)),
    normalize: scaleNomadFit,
  };
}
