import { Worker } from 'node:worker_threads';
import type { Scenario, ScenarioInput } from '@berth/cluster';
import { ConfigError, type ConfigIssue, SimulationError } from '@berth/kernel';
import { CliError } from '../CliError.js';
import { EXIT_CODES } from '../exitCodes.js';
import type { CompareRun } from './CompareRun.js';
import { runComparePair } from './runComparePair.js';

/** One (strategy, seed) pair to run. */
export interface ComparePair {
  readonly strategy: string;
  readonly seed: number;
}

/** What each worker thread gets once. */
export interface CompareWorkerData {
  /** URL of the worker's entry module, for the source-mode bootstrap (bin/sourceWorker.js). */
  readonly module: string;
  /** The scenario as written: structured cloning would lose what makes a parsed one parsed, so each worker parses it once. */
  readonly input: ScenarioInput;
  readonly until: number | undefined;
}

/** A request to a worker: pair number `index`. */
export interface PairRequest extends ComparePair {
  readonly index: number;
}

/** A worker's answer to a {@link PairRequest}. */
export type PairReply =
  | { readonly index: number; readonly ok: true; readonly run: CompareRun }
  | {
      readonly index: number;
      readonly ok: false;
      readonly kind: 'config' | 'simulation' | 'other';
      readonly message: string;
      readonly issues: readonly ConfigIssue[];
    };

/**
 * Runs every pair of the scenario (as written and as parsed) and returns the runs in the order of `pairs`. With `workers` ≥ 1 the pairs are dealt
 * to that many worker threads (at most one per pair), each taking the next pair when it finishes one;
 * with 0 they run one after another in this thread. `onRun` is called as each run completes. The
 * first failure stops every worker and rejects: a ConfigError or SimulationError as itself, a crashed
 * worker as a CliError with exit code 2.
 */
export async function runComparison(
  source: { readonly input: ScenarioInput; readonly scenario: Scenario },
  until: number | undefined,
  pairs: readonly ComparePair[],
  workers: number,
  onRun: (done: number) => void = () => {},
): Promise<CompareRun[]> {
  if (workers === 0 || pairs.length === 0) {
    return pairs.map((pair, i) => {
      let run: CompareRun;
      try {
        run = runComparePair(source.scenario, until, pair.strategy, pair.seed);
      } catch (error) {
        if (!(error instanceof SimulationError)) throw error;
        throw new CliError(`strategy ${pair.strategy}, seed ${pair.seed}: ${error.message}`, EXIT_CODES.runtime);
      }
      onRun(i + 1);
      return run;
    });
  }
  const { entry, module } = workerEntry();
  const data: CompareWorkerData = { module, input: source.input, until };
  const results: CompareRun[] = new Array(pairs.length);
  const threads: Worker[] = [];
  /** Threads told that no work is left: their exit is expected. */
  const released = new Set<Worker>();
  return new Promise<CompareRun[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      for (const thread of threads) void thread.terminate();
      if (error === null) resolve(results);
      else reject(error);
    };
    const feed = (thread: Worker) => {
      if (next < pairs.length) {
        const index = next++;
        const request: PairRequest = { index, ...pairs[index]! };
        thread.postMessage(request);
      } else {
        released.add(thread);
        thread.postMessage(null);
      }
    };
    for (let i = 0; i < Math.min(workers, pairs.length); i++) {
      const thread = new Worker(entry, { workerData: data });
      threads.push(thread);
      thread.on('message', (reply: PairReply) => {
        if (!reply.ok) {
          finish(replyError(reply, pairs[reply.index]!));
          return;
        }
        results[reply.index] = reply.run;
        done += 1;
        onRun(done);
        if (done === pairs.length) finish(null);
        else feed(thread);
      });
      thread.on('error', (error) =>
        finish(new CliError(`a worker thread failed: ${error.message}`, EXIT_CODES.runtime)),
      );
      thread.on('exit', (code) => {
        if (!settled && !released.has(thread))
          finish(new CliError(`a worker thread exited early with code ${code}`, EXIT_CODES.runtime));
      });
      feed(thread);
    }
  });
}

/**
 * The worker's entry: the built compareWorker.js next to this module, or, when running from the
 * TypeScript sources (the workspace, tests), bin/sourceWorker.js, which registers tsx in the new
 * thread before loading compareWorker.ts.
 */
function workerEntry(): { entry: URL; module: string } {
  const fromSource = import.meta.url.endsWith('.ts');
  const module = new URL(fromSource ? './compareWorker.ts' : './compareWorker.js', import.meta.url);
  return { entry: fromSource ? new URL('../../bin/sourceWorker.js', import.meta.url) : module, module: module.href };
}

function replyError(reply: Extract<PairReply, { ok: false }>, pair: ComparePair): Error {
  if (reply.kind === 'config') return new ConfigError(reply.issues, 'scenario');
  const what = reply.kind === 'simulation' ? '' : 'internal error: ';
  return new CliError(
    `strategy ${pair.strategy}, seed ${pair.seed}: ${what}${reply.message.split('\n', 1)[0]}`,
    EXIT_CODES.runtime,
  );
}
