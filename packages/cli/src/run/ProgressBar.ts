import { SingleBar } from 'cli-progress';
import { formatMs } from '../format/formatMs.js';
import type { RunProgress } from './runScenario.js';

/** Wall time after which a run counts as long and the bar appears, ms. */
const SHOW_AFTER_MS = 1000;

/**
 * The progress bar of a long run on a terminal (cli-progress): simulated time reached out of the
 * stop time, and cluster events per second of wall time. Appears only once the run has taken a
 * second, so short runs print nothing extra; {@link stop} clears it.
 */
export class ProgressBar {
  private bar: SingleBar | null = null;
  private readonly started: number;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly clock: () => number,
  ) {
    this.started = clock();
  }

  /** Shows where the run is; a run callback for {@link runScenario}'s `onProgress`. */
  readonly update = (progress: RunProgress): void => {
    const elapsed = this.clock() - this.started;
    if (this.bar === null) {
      if (elapsed < SHOW_AFTER_MS) return;
      const bounded = progress.until !== null && progress.until > 0;
      this.bar = new SingleBar({
        stream: this.stream,
        format: bounded
          ? '{bar} {percentage}% | {simulated} of {horizon} simulated | {rate} events/s'
          : '{simulated} simulated | {rate} events/s',
        clearOnComplete: true,
        hideCursor: true,
        barsize: 30,
      });
      this.bar.start(bounded ? progress.until! : 1, this.value(progress), this.payload(progress, elapsed));
      return;
    }
    this.bar.update(this.value(progress), this.payload(progress, elapsed));
  };

  /** Removes the bar, if it was shown. */
  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }

  private value(progress: RunProgress): number {
    return progress.until === null ? 0 : Math.min(progress.now, progress.until);
  }

  private payload(progress: RunProgress, elapsed: number): object {
    return {
      simulated: formatMs(progress.now),
      horizon: progress.until === null ? '' : formatMs(progress.until),
      rate: Math.round((progress.events * 1000) / Math.max(elapsed, 1)).toLocaleString('en-US'),
    };
  }
}
