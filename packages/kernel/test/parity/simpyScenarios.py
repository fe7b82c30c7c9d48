"""The parity scenarios in SimPy 3: each prints the log that its twin in simpyScenarios.ts must print.

Usage: simpyScenarios.py [NAME ...]  -> JSON {"simpy": VERSION, "logs": {NAME: [LINE, ...]}}

Every line starts with the simulated time. A run that stops with an error logs "crash: MESSAGE".
Exit status 3 with a message when SimPy is not importable (on Debian: apt-get install python3-simpy3).
"""

import json
import sys

try:
    import simpy
    from simpy.util import start_delayed
except ImportError:
    print("SimPy 3 is not importable by this Python (on Debian: apt-get install python3-simpy3)", file=sys.stderr)
    sys.exit(3)

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


def fmt(t):
    """Times as JavaScript's String(number) prints them: 3, not 3.0."""
    return str(int(t)) if float(t).is_integer() else repr(float(t))


class Log:
    def __init__(self, env):
        self.env = env
        self.lines = []

    def __call__(self, text):
        self.lines.append("%s %s" % (fmt(self.env.now), text))

    def run(self, until=None):
        try:
            self.env.run(until)
        except Exception as error:  # the run stops: log why, as the TypeScript twin does
            self("crash: %s" % error)


def fail_at(env, event, delay, message):
    def failer():
        yield env.timeout(delay)
        event.fail(RuntimeError(message))

    env.process(failer())


def waiter(env, log, event, name="waiter"):
    try:
        value = yield event
        log("%s got %s" % (name, describe(value)))
    except Exception as error:
        log("%s caught %s" % (name, error))


def describe(value):
    """A condition's value as the TypeScript twin prints it: the members' values in list order."""
    if isinstance(value, simpy.events.ConditionValue):
        return "[%s]" % ",".join(str(v) for v in value.values())
    return str(value)


# --- errors are never lost -------------------------------------------------------------------------


@scenario
def allOfSecondFailureAfterDecision():
    env = simpy.Environment()
    log = Log(env)
    first, second = env.event(), env.event()
    fail_at(env, first, 1, "first")
    fail_at(env, second, 2, "second")
    env.process(waiter(env, log, env.all_of([first, second])))
    log.run()
    return log.lines


@scenario
def anyOfFailureAfterDecision():
    env = simpy.Environment()
    log = Log(env)
    late = env.event()
    fail_at(env, late, 3, "too late")
    env.process(waiter(env, log, env.any_of([env.timeout(1, "on time"), late])))
    log.run()
    return log.lines


@scenario
def anyOfFailureAtDecisionInstant():
    env = simpy.Environment()
    log = Log(env)
    broken = env.event()
    fail_at(env, broken, 1, "same instant")
    env.process(waiter(env, log, env.any_of([env.timeout(1, "first"), broken])))
    log.run()
    return log.lines


@scenario
def anyOfFailureBeforeDecision():
    env = simpy.Environment()
    log = Log(env)
    broken = env.event()
    fail_at(env, broken, 1, "early")
    env.process(waiter(env, log, env.any_of([env.timeout(5, "slow"), broken])))
    log.run()
    return log.lines


@scenario
def nestedConditionFailureAfterDecision():
    env = simpy.Environment()
    log = Log(env)
    broken = env.event()
    fail_at(env, broken, 4, "inner member")
    inner = env.all_of([env.timeout(2, "a"), broken])
    env.process(waiter(env, log, env.any_of([inner, env.timeout(1, "b")])))
    log.run()
    return log.lines


@scenario
def nestedConditionFailureBeforeDecision():
    env = simpy.Environment()
    log = Log(env)
    broken = env.event()
    fail_at(env, broken, 1, "inner member")
    inner = env.all_of([env.timeout(2, "a"), broken])
    env.process(waiter(env, log, env.any_of([inner, env.timeout(3, "b")])))
    log.run()
    return log.lines


@scenario
def callbackDoesNotDefuse():
    env = simpy.Environment()
    log = Log(env)
    event = env.event()
    event.callbacks.append(lambda e: log("callback saw ok=%s" % str(e.ok).lower()))
    fail_at(env, event, 1, "boom")
    log.run()
    return log.lines


@scenario
def callbackDefuses():
    env = simpy.Environment()
    log = Log(env)
    event = env.event()

    def callback(e):
        log("callback defused %s" % e.value)
        e.defused = True

    event.callbacks.append(callback)
    fail_at(env, event, 1, "boom")
    env.timeout(2)
    log.run()
    log("end")
    return log.lines


@scenario
def interruptedWaiterLeavesFailureUnhandled():
    env = simpy.Environment()
    log = Log(env)
    event = env.event()

    def patient():
        try:
            yield event
        except simpy.Interrupt as interrupt:
            log("interrupted: %s" % interrupt.cause)

    proc = env.process(patient())

    def interrupter():
        yield env.timeout(1)
        proc.interrupt("stop")

    env.process(interrupter())
    fail_at(env, event, 2, "nobody listens")
    log.run()
    return log.lines


@scenario
def failedProcessAwaitedByAnother():
    env = simpy.Environment()
    log = Log(env)

    def crasher():
        yield env.timeout(1)
        raise RuntimeError("crashed")

    env.process(waiter(env, log, env.process(crasher())))
    log.run()
    log("end")
    return log.lines


# --- delayed start -------------------------------------------------------------------------------


@scenario
def delayedStart():
    env = simpy.Environment()
    log = Log(env)
    env.timeout(5).callbacks.append(lambda e: log("timeout made before"))

    def late():
        log("started")
        yield env.timeout(1)
        log("finished")

    start_delayed(env, late(), 5)
    env.timeout(5).callbacks.append(lambda e: log("timeout made after"))

    def other():
        yield env.timeout(5)
        log("process made after")

    env.process(other())
    log.run()
    return log.lines


# --- preemption ----------------------------------------------------------------------------------


def user(env, log, res, name, arrive, priority, hold, preempt=True):
    yield env.timeout(arrive)
    with res.request(priority=priority, preempt=preempt) as req:
        try:
            yield req
            log("%s got the slot" % name)
            yield env.timeout(hold)
            log("%s done" % name)
        except simpy.Interrupt as interrupt:
            cause = interrupt.cause
            log("%s preempted by %s, held since %s" % (name, names[cause.by], fmt(cause.usage_since)))


names = {}


def start_users(env, log, res, specs):
    for spec in specs:
        proc = env.process(user(env, log, res, *spec))
        names[proc] = spec[0]


@scenario
def preemptionBasic():
    env = simpy.Environment()
    log = Log(env)
    res = simpy.PreemptiveResource(env, capacity=1)
    start_users(env, log, res, [("low", 0, 2, 10), ("high", 3, 1, 4), ("mid", 5, 1.5, 2)])
    log.run()
    return log.lines


@scenario
def preemptionRespectsPreemptFalseAndTies():
    env = simpy.Environment()
    log = Log(env)
    res = simpy.PreemptiveResource(env, capacity=1)
    # "polite" outranks "first" but does not preempt; "same" has first's priority but came later;
    # "tie" and "twin" ask at the same instant with the same priority: neither outranks the other.
    start_users(env, log, res, [
        ("first", 0, 5, 10),
        ("polite", 1, 0, 3, False),
        ("same", 2, 5, 1),
        ("tie", 20, 3, 5),
        ("twin", 20, 3, 5),
    ])
    log.run()
    return log.lines


@scenario
def preemptionPicksLeastImportantHolder():
    env = simpy.Environment()
    log = Log(env)
    res = simpy.PreemptiveResource(env, capacity=2)
    # Two holders of priority 4 granted at 0 and 1: the later one is less important and loses.
    start_users(env, log, res, [("a", 0, 4, 10), ("b", 1, 4, 10), ("c", 2, 1, 3), ("d", 2, 0, 3)])
    log.run()
    return log.lines


# --- containers and stores -----------------------------------------------------------------------


def transfer(env, log, name, at, make):
    yield env.timeout(at)
    event = make()
    yield event
    log("%s done" % name)


@scenario
def containerFifoWithHeadOfLineBlocking():
    env = simpy.Environment()
    log = Log(env)
    tank = simpy.Container(env, capacity=100, init=50)
    steps = [
        ("get 30", 0, lambda: tank.get(30)),
        ("get 40", 1, lambda: tank.get(40)),
        ("get 1", 1.5, lambda: tank.get(1)),
        ("put 15", 2, lambda: tank.put(15)),
        ("put 10", 3, lambda: tank.put(10)),
        ("put 90", 4, lambda: tank.put(90)),
        ("put 2", 4.5, lambda: tank.put(2)),
        ("get 4.25", 5, lambda: tank.get(4.25)),
        ("get 80", 6, lambda: tank.get(80)),
    ]
    for name, at, make in steps:
        env.process(transfer(env, log, name, at, make))

    def watch():
        # Half-way between transfers: SimPy moves matter when a put or get is processed, Berth when it is
        # made, so at the very instant of a transfer the two may show different levels (see the docs).
        yield env.timeout(0.25)
        for _ in range(8):
            yield env.timeout(1)
            log("level %s" % fmt(tank.level))

    env.process(watch())
    log.run()
    return log.lines


@scenario
def priorityStoreSmallestFirst():
    env = simpy.Environment()
    log = Log(env)
    store = simpy.PriorityStore(env, capacity=3)

    def producer():
        for item in [5, 1, 4, 2, 3]:
            yield store.put(item)
            log("put %s" % item)

    def consumer():
        yield env.timeout(2)
        for _ in range(5):
            item = yield store.get()
            log("got %s" % item)
            yield env.timeout(1)

    env.process(producer())
    env.process(consumer())
    log.run()
    return log.lines


@scenario
def filterStoreServesTheGetThatAccepts():
    env = simpy.Environment()
    log = Log(env)
    store = simpy.FilterStore(env, capacity=2)

    def consumer(name, wanted, at):
        yield env.timeout(at)
        item = yield store.get(lambda item: item.startswith(wanted))
        log("%s got %s" % (name, item))

    env.process(consumer("wants-a", "a", 0))
    env.process(consumer("wants-b", "b", 1))
    env.process(consumer("wants-any", "", 2))

    def producer():
        for item in ["b1", "a1", "c1", "a2", "b2"]:
            yield env.timeout(1)
            yield store.put(item)
            log("put %s" % item)

    env.process(producer())
    log.run()
    log("left %s" % ",".join(store.items))
    return log.lines


def main(names):
    chosen = names or sorted(SCENARIOS)
    unknown = [n for n in chosen if n not in SCENARIOS]
    if unknown:
        print("unknown scenarios: %s" % ", ".join(unknown), file=sys.stderr)
        return 2
    print(json.dumps({"simpy": simpy.__version__, "logs": {n: SCENARIOS[n]() for n in chosen}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
