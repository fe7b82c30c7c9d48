import type { Scorer } from '../scheduler/Scorer.js';
import { balancedAllocation } from '../scorers/balancedAllocation.js';
import { balancedAllocationV136 } from '../scorers/balancedAllocationV136.js';
import { dotProduct } from '../scorers/dotProduct.js';
import { dotProductPacking } from '../scorers/dotProductPacking.js';
import { imageLocality } from '../scorers/imageLocality.js';
import { interPodAffinityScore } from '../scorers/interPodAffinityScore.js';
import { leastAllocated } from '../scorers/leastAllocated.js';
import { mostAllocated } from '../scorers/mostAllocated.js';
import { nodeAffinityScore } from '../scorers/nodeAffinityScore.js';
import { nomadBinpack } from '../scorers/nomadBinpack.js';
import { nomadSpread } from '../scorers/nomadSpread.js';
import { podTopologySpreadScore } from '../scorers/podTopologySpreadScore.js';
import { requestedToCapacityRatio, type UtilizationShapePoint } from '../scorers/requestedToCapacityRatio.js';
import type { ResourceWeight } from '../scorers/resourceSpec.js';
import { strandedResources } from '../scorers/strandedResources.js';
import { swarmWeight } from '../scorers/swarmWeight.js';
import { taintTolerationScore } from '../scorers/taintTolerationScore.js';
import type { ImageCatalog } from '../simulation/buildContainerSpec.js';
import { imageSizes } from './presets/kubernetes.js';

/**
 * Builds a scorer from a scenario's `scorers` entry; resource weights apply to resource scorers, the
 * scenario's image catalog gives ImageLocality its image sizes, and `shape` is RequestedToCapacityRatio's.
 */
export type ScorerFactory = (
  resources: readonly ResourceWeight[] | undefined,
  images?: ImageCatalog | undefined,
  shape?: readonly UtilizationShapePoint[] | undefined,
) => Scorer;

/**
 * Scorers a scenario can list by name in `scheduler.scorers`, with kube-scheduler's plugin names where
 * they exist: its score plugins (NodeResourcesFit's three strategies, the v1.36 BalancedAllocation), the other
 * systems' fit scores, Tetris' dot product as alignment (`DotProductAlignment`, spreads; `DotProduct` is its old
 * name) and as packing (`DotProductPacking`, the FGD paper's DotProd), and Berth's StrandedResources.
 */
export const SCORERS: Readonly<Record<string, ScorerFactory>> = {
  LeastAllocated: (r) => leastAllocated(r),
  MostAllocated: (r) => mostAllocated(r),
  RequestedToCapacityRatio: (r, _images, shape) => {
    if (shape === undefined) throw new RangeError("scorer 'RequestedToCapacityRatio' needs a shape");
    return requestedToCapacityRatio(shape, r);
  },
  BalancedAllocation: (r) => balancedAllocation(r),
  TaintToleration: () => taintTolerationScore(),
  NodeAffinity: () => nodeAffinityScore(),
  NomadBinpack: () => nomadBinpack(),
  NomadSpread: () => nomadSpread(),
  SwarmWeight: () => swarmWeight(),
  ImageLocality: (_resources, images) => imageLocality(imageSizes(images)),
  PodTopologySpread: () => podTopologySpreadScore(),
  InterPodAffinity: () => interPodAffinityScore(),
  BalancedAllocationV136: (resources) => balancedAllocationV136(resources),
  DotProduct: (resources) => dotProduct(resources),
  DotProductAlignment: (resources) => dotProduct(resources, 'DotProductAlignment'),
  DotProductPacking: (resources) => dotProductPacking(resources),
  StrandedResources: (resources) => strandedResources(resources),
};
