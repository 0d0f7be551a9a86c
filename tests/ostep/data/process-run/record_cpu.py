# Records the CPU chapters' OSTEP scripts for tests/ostep/cpu_test.cpp.
#
#   OSTEP_HOMEWORK=/path/to/ostep-homework python3 record_cpu.py
#
# For each of process-run, scheduler, mlfq, lottery and multi it reads ../SIM/commands.txt (one
# case a line: NAME ARGS...), adds randomly drawn flags and seeds (drawn here with a fixed seed,
# so re-recording gives the same cases), runs the script with the arguments, and writes
# ../SIM/cases.txt ("NAME STATUS ARGS...", STATUS being the script's exit status, T when it died
# with a Python traceback, H when it was still running after 10 seconds) with ../SIM/NAME.out (standard output) and, when the script wrote
# to standard error without a traceback, ../SIM/NAME.err.
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HOMEWORK = os.environ["OSTEP_HOMEWORK"]
SCRIPTS = {
    "process-run": "cpu-intro/process-run.py",
    "scheduler": "cpu-sched/scheduler.py",
    "mlfq": "cpu-sched-mlfq/mlfq.py",
    "lottery": "cpu-sched-lottery/lottery.py",
    "multi": "cpu-sched-multi/multi.py",
}


def drawn_cases(sim, rng):
    """Random flags and seeds for SIM, as (name, args) pairs."""
    cases = []
    for i in range(12):
        seed = str(rng.randint(0, 10**6))
        solve = ["-c"] if rng.random() < 0.75 else []
        if sim == "process-run":
            procs = ",".join("%d:%d" % (rng.randint(0, 8), rng.choice([0, 25, 50, 75, 100])) for _ in range(rng.randint(1, 4)))
            args = ["-s", seed, "-l", procs, "-L", str(rng.randint(0, 7)),
                    "-S", rng.choice(["SWITCH_ON_IO", "SWITCH_ON_END"]), "-I", rng.choice(["IO_RUN_LATER", "IO_RUN_IMMEDIATE"])]
            args += ["-p"] if rng.random() < 0.5 else []
        elif sim == "scheduler":
            args = ["-s", seed, "-j", str(rng.randint(1, 7)), "-m", str(rng.randint(1, 40)),
                    "-p", rng.choice(["FIFO", "SJF", "RR"]), "-q", str(rng.randint(1, 6))]
            if rng.random() < 0.3:
                args += ["-l", ",".join(rng.choice(["%d" % rng.randint(0, 30), "%.1f" % (rng.random() * 20)]) for _ in range(rng.randint(1, 5)))]
        elif sim == "mlfq":
            args = ["-s", seed, "-j", str(rng.randint(1, 4)), "-m", str(rng.randint(2, 60)), "-M", str(rng.randint(0, 12)),
                    "-n", str(rng.randint(1, 4)), "-q", str(rng.randint(1, 12)), "-a", str(rng.randint(1, 3)),
                    "-i", str(rng.randint(0, 8))]
            if rng.random() < 0.4:
                args += ["-B", str(rng.randint(10, 60))]
            if rng.random() < 0.3:
                args += ["-S"]
            if rng.random() < 0.3:
                args += ["-I"]
            if rng.random() < 0.3:
                levels = rng.randint(1, 4)
                args += ["-Q", ",".join(str(rng.randint(1, 15)) for _ in range(levels)),
                         "-A", ",".join(str(rng.randint(1, 3)) for _ in range(levels))]
            if rng.random() < 0.25:
                args += ["-l", ":".join("%d,%d,%d" % (rng.randint(0, 30), rng.randint(1, 40), rng.randint(0, 9)) for _ in range(rng.randint(1, 4)))]
        elif sim == "lottery":
            args = ["-s", seed, "-j", str(rng.randint(1, 5)), "-m", str(rng.randint(2, 15)), "-T", str(rng.randint(2, 200)),
                    "-q", str(rng.randint(1, 3))]
            if rng.random() < 0.25:
                args += ["-l", ",".join("%d:%d" % (rng.randint(1, 12), rng.randint(1, 150)) for _ in range(rng.randint(1, 4)))]
        else:  # multi
            args = ["-s", seed, "-j", str(rng.randint(1, 5)), "-R", str(rng.randint(10, 120)), "-W", str(rng.randint(0, 200)),
                    "-n", str(rng.randint(2, 4)), "-q", str(rng.randint(1, 15)), "-w", str(rng.randint(0, 12)),
                    "-r", str(rng.randint(1, 3)), "-M", str(rng.randint(0, 200))]
            for flag, chance in [("-p", 0.5), ("-o", 0.3), ("-t", 0.5), ("-T", 0.3), ("-C", 0.3), ("-S", 0.3)]:
                if rng.random() < chance:
                    args.append(flag)
            if "-p" in args:
                args += ["-P", str(rng.randint(0, 40))]
        cases.append(("random%02d" % i, args + solve))
    return cases


def record(sim):
    folder = os.path.join(HERE, "..", sim)
    cases = []
    with open(os.path.join(folder, "commands.txt")) as f:
        for line in f:
            words = line.split()
            if words and not words[0].startswith("#"):
                cases.append((words[0], words[1:]))
    cases += drawn_cases(sim, random.Random("kernsim-" + sim))
    lines = ["# %s: the outputs of %s (ostep-homework), recorded with CPython %d.%d.%d by ../process-run/record_cpu.py" %
             (sim, SCRIPTS[sim], *sys.version_info[:3])]
    for name, args in cases:
        env = dict(os.environ)
        env.pop("COLUMNS", None)
        try:
            result = subprocess.run([sys.executable, os.path.join(HOMEWORK, SCRIPTS[sim])] + args,
                                    capture_output=True, text=True, timeout=10, env=env)
            status = "T" if "Traceback" in result.stderr else str(result.returncode)
        except subprocess.TimeoutExpired:
            result = subprocess.CompletedProcess(args, None, "", "")
            status = "H"  # the script never finishes: nothing to compare but kernsim's refusal
        with open(os.path.join(folder, name + ".out"), "w") as out:
            out.write(result.stdout)
        err_path = os.path.join(folder, name + ".err")
        if result.stderr and status != "T":
            with open(err_path, "w") as err:
                err.write(result.stderr)
        elif os.path.exists(err_path):
            os.remove(err_path)
        lines.append(" ".join([name, status] + args))
    with open(os.path.join(folder, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


for sim in sys.argv[1:] or SCRIPTS:
    record(sim)
