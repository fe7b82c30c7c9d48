// A repair depot: tickets wait in a PriorityStore (the most severe first) and technicians take spare
// parts of the kind they need from a FilterStore.
import { Environment, FilterStore, PriorityStore, type ProcessGenerator } from '@berth/kernel';

const MINUTE = 60_000;
const env = new Environment();
const at = () => `${String(env.now / MINUTE).padStart(3)} min`;

// #region tickets
interface Ticket {
  readonly id: string;
  readonly severity: number; // 1 is the most severe
  readonly part: 'disk' | 'fan' | 'psu';
}
const tickets = new PriorityStore<Ticket>(env, { compare: (a, b) => a.severity - b.severity });
// #endregion

// #region parts
interface Part {
  readonly kind: Ticket['part'];
  readonly serial: number;
}
const shelf = new FilterStore<Part>(env, { capacity: 4 });
// #endregion

// #region technician
function* technician(name: string): ProcessGenerator {
  for (;;) {
    const ticket = (yield tickets.get()) as Ticket; // the most severe open ticket
    console.log(`${at()}  ${name} takes ${ticket.id} (severity ${ticket.severity}), needs a ${ticket.part}`);
    const part = (yield shelf.get((p) => p.kind === ticket.part)) as Part; // waits for that kind only
    yield env.timeout(20 * MINUTE);
    console.log(`${at()}  ${name} closes ${ticket.id} with ${part.kind} #${part.serial}`);
  }
}
// #endregion

// #region supplier
function* supplier(): ProcessGenerator {
  const deliveries: Array<Part['kind']> = ['fan', 'disk', 'fan', 'psu', 'disk', 'fan'];
  for (const [serial, kind] of deliveries.entries()) {
    yield env.timeout(15 * MINUTE);
    yield shelf.put({ kind, serial }); // waits while the shelf is full
    const left = shelf.items.map((p) => p.kind).join(', ');
    console.log(`${at()}  a ${kind} arrives; on the shelf: ${left || 'nothing (it was taken at once)'}`);
  }
}
// #endregion

// Tickets filed before the technicians start, most severe not first.
for (const ticket of [
  { id: 'T1', severity: 3, part: 'fan' },
  { id: 'T2', severity: 1, part: 'disk' },
  { id: 'T3', severity: 2, part: 'psu' },
  { id: 'T4', severity: 1, part: 'fan' },
] as const) {
  tickets.put(ticket);
}
console.log(`open tickets, most severe first: ${tickets.items.map((t) => t.id).join(', ')}`);
env.process(technician('Ana'));
env.process(technician('Bo'));
env.process(supplier());
env.run();
console.log(
  `open tickets: ${tickets.size}; parts left: ${shelf.items.map((p) => `${p.kind} #${p.serial}`).join(', ')}`,
);
