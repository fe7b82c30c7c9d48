import type { Environment } from '../Environment.js';
import { argumentError } from '../errors.js';
import { SimEvent } from '../SimEvent.js';
import { FifoQueue } from './FifoQueue.js';

/** Options of a new {@link Container}. */
export interface ContainerOptions {
  /** The most the container holds: a positive number, or Infinity (the default). */
  readonly capacity?: number | undefined;
  /** The level at the start, from 0 (the default) to `capacity`. */
  readonly initial?: number | undefined;
  /** A name shown in traces. */
  readonly name?: string | undefined;
}

/**
 * A pending `put` or `get` of an amount on a {@link Container}: an event that succeeds once the amount
 * has gone in (or come out). `cancel()` withdraws it while it still waits; so does leaving the block of
 * `using put = tank.put(amount)`, as SimPy's put or get in a `with` block.
 */
export class ContainerTransfer extends SimEvent<void> implements Disposable {
  /** The amount to put in or take out. */
  readonly amount: number;
  /** Whether this is a put (true) or a get (false). */
  readonly isPut: boolean;
  /** @internal */
  waiting = false;
  private readonly container: Container;

  /** @internal created by `container.put()` and `container.get()` */
  constructor(container: Container, amount: number, isPut: boolean) {
    super(container.env);
    this.container = container;
    this.amount = amount;
    this.isPut = isPut;
  }

  /** Shows the container's name in traces. */
  override get label(): string | undefined {
    return this.container.name;
  }

  /** Withdraws the transfer if it has not happened yet; returns whether it was withdrawn. */
  cancel(): boolean {
    if (!this.waiting) return false;
    this.container.withdraw(this);
    return true;
  }

  /** Same as `cancel()`, for `using`. */
  [Symbol.dispose](): void {
    this.cancel();
  }
}

/**
 * A level of something continuous or countable between 0 and a capacity, like fuel in a tank: SimPy's
 * Container. `put(amount)` waits until there is room for the whole amount, `get(amount)` until that
 * much is there. Puts and gets are each served strictly in the order they were made: one that cannot
 * be served holds up those behind it, as in SimPy. Every transfer goes through `succeed()`, so waiting
 * processes resume in agenda order.
 *
 * Two deliberate differences from SimPy: an amount larger than the capacity can never be served, so it
 * is rejected as a bad argument instead of waiting for ever; and withdrawing the first waiting transfer
 * serves the ones behind it at once, where SimPy waits for the next put or get to look again.
 */
export class Container {
  readonly env: Environment;
  readonly capacity: number;
  readonly name: string | undefined;
  private amountHeld: number;
  private readonly putters = new FifoQueue<ContainerTransfer>();
  private readonly getters = new FifoQueue<ContainerTransfer>();
  private waitingPuts = 0;
  private waitingGets = 0;

  constructor(env: Environment, options?: ContainerOptions) {
    const capacity = options?.capacity ?? Number.POSITIVE_INFINITY;
    if (typeof capacity !== 'number' || !(capacity > 0)) {
      throw argumentError('capacity', `expected a positive number or Infinity, got ${String(capacity)}`);
    }
    const initial = options?.initial ?? 0;
    if (typeof initial !== 'number' || !(initial >= 0 && initial <= capacity && Number.isFinite(initial))) {
      throw argumentError(
        'initial',
        `expected a finite number from 0 to the capacity (${capacity}), got ${String(initial)}`,
      );
    }
    this.env = env;
    this.capacity = capacity;
    this.name = options?.name;
    this.amountHeld = initial;
  }

  /** The amount held right now. */
  get level(): number {
    return this.amountHeld;
  }

  /** Number of puts waiting for room. */
  get putQueueLength(): number {
    return this.waitingPuts;
  }

  /** Number of gets waiting for enough to be there. */
  get getQueueLength(): number {
    return this.waitingGets;
  }

  /** Puts `amount` in; the returned event succeeds once there was room for all of it. */
  put(amount: number): ContainerTransfer {
    const put = new ContainerTransfer(this, this.checkedAmount(amount), true);
    put.waiting = true;
    this.putters.push(put);
    this.waitingPuts += 1;
    this.serve(true);
    return put;
  }

  /** Takes `amount` out; the returned event succeeds once that much was there. */
  get(amount: number): ContainerTransfer {
    const get = new ContainerTransfer(this, this.checkedAmount(amount), false);
    get.waiting = true;
    this.getters.push(get);
    this.waitingGets += 1;
    this.serve(false);
    return get;
  }

  /** @internal */
  withdraw(transfer: ContainerTransfer): void {
    transfer.waiting = false;
    if (transfer.isPut) this.waitingPuts -= 1;
    else this.waitingGets -= 1;
    // The transfer may have held up those behind it.
    this.serve(transfer.isPut);
  }

  /** Serves puts and gets, starting with one kind, until neither can go on. */
  private serve(putsFirst: boolean): void {
    let puts = putsFirst;
    let idle = 0;
    while (idle < 2) {
      const moved = puts ? this.servePuts() : this.serveGets();
      idle = moved ? 0 : idle + 1;
      puts = !puts;
    }
  }

  private servePuts(): boolean {
    let moved = false;
    for (;;) {
      const put = firstWaiting(this.putters);
      if (put === undefined || this.capacity - this.amountHeld < put.amount) return moved;
      this.putters.shift();
      put.waiting = false;
      this.waitingPuts -= 1;
      // Rounding must not carry the level past the capacity.
      this.amountHeld = Math.min(this.capacity, this.amountHeld + put.amount);
      put.succeed();
      moved = true;
    }
  }

  private serveGets(): boolean {
    let moved = false;
    for (;;) {
      const get = firstWaiting(this.getters);
      if (get === undefined || this.amountHeld < get.amount) return moved;
      this.getters.shift();
      get.waiting = false;
      this.waitingGets -= 1;
      this.amountHeld -= get.amount;
      get.succeed();
      moved = true;
    }
  }

  private checkedAmount(amount: number): number {
    if (typeof amount !== 'number' || !(amount > 0 && amount < Number.POSITIVE_INFINITY)) {
      throw argumentError('amount', `expected a positive finite number, got ${String(amount)}`);
    }
    if (amount > this.capacity) {
      throw argumentError(
        'amount',
        `${amount} is more than the capacity (${this.capacity})${this.describe()}, so it could never be served`,
      );
    }
    return amount;
  }

  private describe(): string {
    return this.name === undefined ? '' : ` of '${this.name}'`;
  }
}

/** The first transfer still waiting, dropping withdrawn ones from the front. */
function firstWaiting(queue: FifoQueue<ContainerTransfer>): ContainerTransfer | undefined {
  for (;;) {
    const head = queue.peek();
    if (head === undefined || head.waiting) return head;
    queue.shift();
  }
}
