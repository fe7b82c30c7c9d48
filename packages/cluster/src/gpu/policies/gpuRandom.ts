import { type GpuPolicy, randomDevice } from './GpuPolicy.js';

/**
 * Random as the FGD paper's baseline (Weng et al., USENIX ATC 2023, §6.1; simulator `random_score.go`,
 * which gives 100 to one feasible node drawn uniformly and 0 to the rest): every feasible node scores
 * the same and the node is drawn uniformly among them (`drawsNode`). A share goes to a device drawn
 * uniformly among those that hold it (`gpusel random`).
 */
export function gpuRandom(): GpuPolicy {
  return { name: 'Random', drawsNode: true, score: () => 0, device: randomDevice };
}
