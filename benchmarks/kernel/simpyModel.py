"""The kernel benchmark's reference model in SimPy 3, driven by kernel/runSimpy.ts.

Usage: simpyModel.py run PROCESSES TIMEOUTS SEED   -> JSON {seconds, events, endTime}
       simpyModel.py pending COUNT SEED            -> JSON {bytesPerEvent, pending}

Exit status 3 with a message when SimPy is not importable; nothing is installed here.
"""

import json
import random
import sys
import time
import tracemalloc

try:
    import simpy
except ImportError:
    print("SimPy 3 is not importable by this Python (on Debian: apt-get install python3-simpy3)", file=sys.stderr)
    sys.exit(3)


def walker(env, timeouts, draw):
    for _ in range(timeouts):
        yield env.timeout(draw(1.0))


def run(processes, timeouts, seed):
    # Timed like the JavaScript variants: building the model and running it, not interpreter start-up.
    start = time.perf_counter()
    env = simpy.Environment()
    draw = random.Random(seed).expovariate
    for _ in range(processes):
        env.process(walker(env, timeouts, draw))
    env.run()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "events": processes * timeouts, "endTime": env.now, "version": simpy.__version__}


def pending(count, seed):
    draw = random.Random(seed).expovariate
    tracemalloc.start()
    env = simpy.Environment()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(count):
        env.timeout(draw(1.0))
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {"bytesPerEvent": (after - before) / count, "pending": len(env._queue)}


def main(argv):
    if len(argv) >= 4 and argv[0] == "run":
        result = run(int(argv[1]), int(argv[2]), int(argv[3]))
    elif len(argv) >= 3 and argv[0] == "pending":
        result = pending(int(argv[1]), int(argv[2]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
