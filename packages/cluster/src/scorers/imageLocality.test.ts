import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import {
  IMAGE_MAX_CONTAINER_THRESHOLD,
  IMAGE_MIN_THRESHOLD,
  imageLocality,
  imageLocalityScore,
} from './imageLocality.js';

const resources = new ResourceCatalog();
const MiB = 1_048_576;

/** Scores of a container of `image` (sized `sizeMiB`) on `hosts` hosts, of which the first `holding` have it; null when skipped. */
function scores(sizeMiB: number, hosts: number, holding: number): number[] | null {
  const all = Array.from({ length: hosts }, (_, i) => {
    const h = new Host(i, `h${i}`, 'h', resources.fromRecord({ cpu: 1000, memory: 1024 }), 110, {}, [], 0);
    if (i < holding) h.images.set('app', 0);
    return h;
  });
  const template = containerTemplateSchema.parse({ image: 'app' });
  const pod = new Container(0, buildContainerSpec('p', template, resources, new Map(), {}), 0);
  const cluster = new ClusterState(all, resources, createRandom(1).stream('s'));
  const scorer = imageLocality((image) => (image === 'app' ? sizeMiB : 0));
  const state = scorer.createState!();
  if (!scorer.prepare!(pod, cluster, undefined, state)) return null;
  return all.map((h) => scorer.score(pod, h, cluster, state));
}

describe('ImageLocality: 100 × (clamp(size × spread, 23 MiB, 1000 MiB) − 23 MiB) / 977 MiB', () => {
  it.each([
    // 500 MiB × 2/4 = 250 MiB → 100 × (250 − 23)/977 = 23.2 → 23; hosts without the image score 0
    { row: '500 MiB on 2 of 4 hosts', size: 500, hosts: 4, holding: 2, want: [23, 23, 0, 0] },
    // 500 MiB × 4/4 = 500 MiB → 100 × 477/977 = 48.8 → 48
    { row: '500 MiB on every host', size: 500, hosts: 4, holding: 4, want: [48, 48, 48, 48] },
    // 2000 MiB × 1/2 = 1000 MiB → the upper bound → 100
    { row: '2000 MiB on 1 of 2 hosts', size: 2000, hosts: 2, holding: 1, want: [100, 0] },
    // 4000 MiB × 1/2 = 2000 MiB, clamped to 1000 MiB → 100
    { row: 'clamped above', size: 4000, hosts: 2, holding: 1, want: [100, 0] },
    // 24 MiB × 1 = 24 MiB → 100 × 1/977 = 0.1 → 0
    { row: 'just above the lower bound', size: 24, hosts: 1, holding: 1, want: [0] },
    // bytes: 104857600 × 1/3 = 34952533.3 → 34952533 (Go's int64 of the float);
    // 100 × (34952533 − 24117248)/(1048576000 − 24117248) = 1083528500/1024458752 = 1.06 → 1
    { row: '100 MiB on 1 of 3 hosts, in bytes', size: 100, hosts: 3, holding: 1, want: [1, 0, 0] },
    // nobody holds it: every host 0
    { row: 'image nowhere', size: 500, hosts: 3, holding: 0, want: [0, 0, 0] },
  ])('$row → $want', ({ size, hosts, holding, want }) => {
    expect(scores(size, hosts, holding)).toEqual(want);
  });

  it.each([
    { row: '23 MiB, the lower bound itself', size: 23 },
    { row: 'half a MiB', size: 0.5 },
    { row: 'an image the catalog does not size', size: 0 },
  ])('skips when no host can score: $row', ({ size }) => {
    expect(scores(size, 2, 2)).toBeNull();
  });

  it('scales the upper bound with the number of containers of a pod', () => {
    // 2 containers: bound 2000 MiB; 1000 MiB → 100 × 977/1977 = 49.4 → 49
    expect(imageLocalityScore(1000 * MiB, 2)).toBe(49);
    expect(imageLocalityScore(IMAGE_MIN_THRESHOLD - 1, 1)).toBe(0);
    expect(imageLocalityScore(IMAGE_MAX_CONTAINER_THRESHOLD + 1, 1)).toBe(100);
  });

  it('rejects a negative or non-finite size, naming the image', () => {
    expect(() => scores(-1, 1, 1)).toThrow(ConfigError);
    expect(() => scores(Number.NaN, 1, 1)).toThrow(/images\.app\.size/);
  });
});
