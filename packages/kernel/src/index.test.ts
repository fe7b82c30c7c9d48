import { describe, expect, it } from 'vitest';
import * as kernel from './index.js';

describe('the kernel public API', () => {
  it('exports exactly these values (types aside)', () => {
    // A name added or removed here is an API change: update this list and docs/reference/api.md with it.
    expect(Object.keys(kernel).sort()).toEqual([
      'Callback',
      'ConfigError',
      'Container',
      'ContainerTransfer',
      'Counter',
      'Environment',
      'FilterStore',
      'Interrupt',
      'LatencyHistogram',
      'OnlineStats',
      'Preempted',
      'PreemptiveRequest',
      'PreemptiveResource',
      'PriorityResource',
      'PriorityStore',
      'Process',
      'RandomStream',
      'Resource',
      'ResourceRequest',
      'SimEvent',
      'SimulationError',
      'Store',
      'StoreGet',
      'StorePut',
      'TimeWeighted',
      'argumentError',
      'constant',
      'countsArrivals',
      'createRandom',
      'diurnalArrivals',
      'empiricalFromPercentiles',
      'empiricalFromSamples',
      'exponentialDist',
      'formatPath',
      'lognormalDist',
      'lognormalFromMeanCv',
      'mmppArrivals',
      'normalDist',
      'onOffArrivals',
      'paretoDist',
      'poissonArrivals',
      'poissonDist',
      'uniformDist',
      'weibullDist',
    ]);
  });
});
