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
