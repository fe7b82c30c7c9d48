// Failures are never lost: what happens to an error that nobody waits for, in the three ways it can
// arise, and how to say that you have handled it.
import { Environment, type ProcessGenerator, SimulationError } from '@berth/kernel';

/** Runs `env` and prints how the run ended. */
function runAndReport(title: string, env: Environment): void {
  try {
    env.run();
    console.log(`${title}: the run ended at t=${env.now}`);
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    console.log(`${title}: ${error.message}`);
  }
}

// #region condition
{
  const env = new Environment();
  const slow = env.process(
    (function* (): ProcessGenerator<string> {
      yield env.timeout(5);
      throw new Error('disk full');
    })(),
    { name: 'slow copy' },
  );
  env.process(
    (function* (): ProcessGenerator {
      // Whichever comes first: the copy, or a deadline. The deadline wins at 3 ...
      yield env.anyOf([slow, env.timeout(3)]);
    })(),
  );
  // ... and the copy fails at 5 with nobody waiting for it any more: the run stops with its error.
  runAndReport('a member fails after anyOf has decided', env);
}
// #endregion

// #region callback
{
  const env = new Environment();
  const job = env.event();
  job.onProcessed((event) => console.log(`  the callback sees ok=${event.ok}`));
  env.schedule(1, () => job.fail(new Error('job crashed')));
  runAndReport('a callback looks at a failure', env);
}
{
  const env = new Environment();
  const job = env.event();
  job.onProcessed((event) => {
    if (!event.ok) {
      console.log(`  the callback handles: ${(event.value as Error).message}`);
      event.defuse(); // says "this failure is mine": SimPy's event.defused = True
    }
  });
  env.schedule(1, () => job.fail(new Error('job crashed')));
  runAndReport('a callback defuses a failure', env);
}
// #endregion
