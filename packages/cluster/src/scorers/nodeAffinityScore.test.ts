import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import type { LabelRequirement } from '../scheduler/PlacementRequest.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { nodeAffinityScore } from './nodeAffinityScore.js';

const resources = new ResourceCatalog();
type Preferred = Array<{ weight: number; requirement: LabelRequirement }>;

/** Normalised scores over hosts with the given labels, or null when the scorer skips the container. */
function scores(labels: Array<Record<string, string>>, preferred: Preferred): number[] | null {
  const hosts = labels.map(
    (l, i) => new Host(i, `h${i}`, 'h', resources.fromRecord({ cpu: 1000, memory: 1024 }), 110, l, [], 0),
  );
  const template = containerTemplateSchema.parse({ affinity: { preferred } });
  const pod = new Container(0, buildContainerSpec('p', template, resources, new Map(), {}), 0);
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  const scorer = nodeAffinityScore();
  if (!scorer.prepare!(pod, cluster, undefined, undefined)) return null;
  const s = Float64Array.from(hosts, (h) => scorer.score(pod, h, cluster, undefined));
  scorer.normalize!(s, s.length, undefined);
  return Array.from(s);
}

const zoneA: Preferred[number] = { weight: 10, requirement: { key: 'zone', operator: 'In', values: ['a'] } };
const hasDisk: Preferred[number] = { weight: 30, requirement: { key: 'disk', operator: 'Exists' } };
const hosts = [{ zone: 'a' }, { zone: 'b', disk: 'ssd' }, { zone: 'a', disk: 'ssd' }, {}];

describe('NodeAffinity score: sum of matched preferred weights, scaled so the best host has 100', () => {
  it.each([
    // raw 10, 30, 40, 0; max 40 → 100·10/40 = 25, 75, 100, 0
    { row: 'two terms', preferred: [zoneA, hasDisk], want: [25, 75, 100, 0] },
    // raw 10, 0, 10, 0 → 100, 0, 100, 0
    { row: 'zone only', preferred: [zoneA], want: [100, 0, 100, 0] },
    // weights 1 and 2: raw 1, 2, 3, 0 → 100·1/3 = 33.3 → 33, 66.7 → 66, 100, 0
    {
      row: 'truncation',
      preferred: [
        { ...zoneA, weight: 1 },
        { ...hasDisk, weight: 2 },
      ],
      want: [33, 66, 100, 0],
    },
    // NotIn a: matches zone b and the unlabelled host; raw 0, 5, 0, 5 → 0, 100, 0, 100
    {
      row: 'NotIn',
      preferred: [{ weight: 5, requirement: { key: 'zone', operator: 'NotIn', values: ['a'] } }],
      want: [0, 100, 0, 100],
    },
    // nothing matches: raw all 0 stays 0 (not reversed)
    {
      row: 'no host matches',
      preferred: [{ weight: 5, requirement: { key: 'gpu', operator: 'Exists' } }],
      want: [0, 0, 0, 0],
    },
  ] satisfies Array<{ row: string; preferred: Preferred; want: number[] }>)('$row → $want', ({ preferred, want }) => {
    expect(scores(hosts, preferred)).toEqual(want);
  });

  it('compares Gt and Lt numerically', () => {
    // cores Gt 8: 16 matches, 4 does not, "x" is not a number → raw 7, 0, 0 → 100, 0, 0
    const gt: Preferred[number] = { weight: 7, requirement: { key: 'cores', operator: 'Gt', values: ['8'] } };
    expect(scores([{ cores: '16' }, { cores: '4' }, { cores: 'x' }], [gt])).toEqual([100, 0, 0]);
  });

  it('skips containers without preferences', () => {
    expect(scores(hosts, [])).toBeNull();
  });
});
