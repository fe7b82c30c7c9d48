import type { Entry } from './Agenda.js';

/**
 * A scheduled function: the raw callback API for hot paths, with no generator and no event object.
 * The handle can be cancelled while queued and rescheduled once it has run or been cancelled, so a
 * periodic activity can reuse one handle and allocate nothing per tick.
 */
export class Callback implements Entry {
  // A base class, not a subclass of Entry: V8 (11.x) reaches the base constructor of a derived class
  // through code that depends on the constructors' hidden classes staying unchanged, and with the
  // kernel's hidden classes kept alive (hiddenClassAnchors.ts) that dependency kept failing, so
  // `env.schedule` was compiled, thrown away and compiled again without end, running about four
  // times slower. A base class has no such dependency. (`node --no-omit-default-ctors` also cured it.)
  /** @internal index of the callback's slot on its agenda while queued, -1 otherwise */
  declare agendaSlot: number;
  /** @internal */
  declare readonly fn: (data: unknown) => void;
  /** @internal */
  declare readonly data: unknown;
  declare private readonly name: string | undefined;

  /** @internal created by `env.schedule` */
  constructor(fn: (data: unknown) => void, data: unknown, name: string | undefined) {
    this.agendaSlot = -1;
    this.fn = fn;
    this.data = data;
    this.name = name;
  }

  get kind(): string {
    return 'callback';
  }

  get label(): string | undefined {
    return this.name;
  }

  /** True while the callback waits on the agenda. */
  get scheduled(): boolean {
    return this.agendaSlot >= 0;
  }

  /** True while the callback waits on the agenda. */
  get queued(): boolean {
    return this.agendaSlot >= 0;
  }

  /** @internal */
  fire(): void {
    this.fn(this.data);
  }
}
