import type { Scorer } from '../scheduler/Scorer.js';
import { clampNomadFit, nomadFitTotal, scaleNomadFit } from './nomadFitTotal.js';

/**
 * Nomad's spread fit, used when the cluster's `scheduler_algorithm` is `spread` (nomad/structs/funcs.go
 * `ScoreFitSpread`): raw `(10^freeCpu + 10^freeMem) − 2` clamped to [0, 18], the mirror of
 * {@link nomadBinpack}: an empty host scores 18, a full one 0. Scaled to 0..MAX_SCORE as
 * `raw / 18 × 100`, kept as a float.
 */
export function nomadSpread(): Scorer {
  return {
    name: 'NomadSpread',
    score: (request, host) => clampNomadFit(nomadFitTotal(request, host) - 2),
    normalize: scaleNomadFit,
  };
}
