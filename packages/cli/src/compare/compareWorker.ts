// Entry of a `berth compare` worker thread: receives (strategy, seed) pairs, runs each, replies with
// its figures, and exits when sent null. The scenario comes once, in workerData.

import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseScenario } from '@berth/cluster';
import { ConfigError, SimulationError } from '@berth/kernel';
import { runComparePair } from './runComparePair.js';
import type { CompareWorkerData, PairReply, PairRequest } from './runComparison.js';

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  const { input, until } = workerData as CompareWorkerData;
  // Validated by the main thread already; parsed once here, for every pair this worker runs.
  const scenario = parseScenario(input);
  port.on('message', (request: PairRequest | null) => {
    if (request === null) {
      port.close();
      return;
    }
    let reply: PairReply;
    try {
      reply = { index: request.index, ok: true, run: runComparePair(scenario, until, request.strategy, request.seed) };
    } catch (error) {
      const kind = error instanceof ConfigError ? 'config' : error instanceof SimulationError ? 'simulation' : 'other';
      const issues = error instanceof ConfigError ? error.issues : [];
      reply = { index: request.index, ok: false, kind, message: (error as Error).message, issues };
    }
    port.postMessage(reply);
  });
}
