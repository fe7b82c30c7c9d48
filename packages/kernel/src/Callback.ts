import { Entry } from './Agenda.js';

/**
 * A scheduled function: the raw callback API for hot paths, with no generator and no event object.
 * The handle can be cancelled while queued and rescheduled once it has run or been cancelled, so a
 * periodic activity can reuse one handle and allocate nothing per tick.
 */
export class Callback extends Entry {
  /** @internal */
  declare readonly fn: (data: unknown) => void;
  /** @internal */
  declare readonly data: unknown;
  declare private readonly name: string | undefined;

  /** @internal created by `env.schedule` */
  constructor(fn: (data: unknown) => void, data: unknown, name: string | undefined) {
    super();
    this.fn = fn;
    this.data = data;
    this.name = name;
  }

  get kind(): string {
    return 'callback';
  }

  override get label(): string | undefined {
    return this.name;
  }

  /** True while the callback waits on the agenda. */
  get scheduled(): boolean {
    return this.queued;
  }

  /** @internal */
  fire(): void {
    this.fn(this.data);
  }
}
