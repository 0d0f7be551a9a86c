# Records Python's optparse for tests/ostep/options_test.cpp: `python3 record.py > cases.json`.
# The parser below is declared the same way in the test; each case is one command line with
# optparse's exit status, standard output and standard error (the values as JSON when it parsed).
import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from optparse import OptionParser

os.environ.pop("COLUMNS", None)

def make_parser():
    p = OptionParser(prog="kernsim ostep demo")
    p.add_option("-s", "--seed", default=0, help="the random seed", action="store", type="int", dest="seed")
    p.add_option("-j", "--jobs", default=3, help="number of jobs in the system", action="store", type="int", dest="jobs")
    p.add_option("-l", "--jlist", default="", help="instead of random jobs, provide a comma-separated list of run times", action="store", type="string", dest="jlist")
    p.add_option("-r", "--ratio", default=0.5, help="a float ratio; a deliberately long help text that must wrap over several lines in the help output, as textwrap wraps it, with hyphenated-words and self-explanatory-terms", action="store", type="float", dest="ratio")
    p.add_option("-Q", "--quantumList", default="", help="length of time slice per queue level, specified as x,y,z,... where x is the quantum length for the highest priority queue", action="store", type="string", dest="quantumList")
    p.add_option("-n", "--numQueues", help="number of queues in MLFQ (if not using -Q)", default=3, action="store", type="int", dest="numQueues")
    p.add_option("-S", "--stay", default=False, help="reset and stay at same priority level when issuing I/O", action="store_true", dest="stay")
    p.add_option("", "--iobump", default=False, help="if specified, jobs that finished I/O move immediately to front of current queue", action="store_true", dest="iobump")
    p.add_option("-P", "--program", default=None, help="more specific controls over programs, default %default", action="store", type="string", dest="program")
    p.add_option("-c", help="compute answers for me", action="store_true", default=False, dest="solve")
    p.add_option("-C", "--cpus", help="no default", action="store", type="int", dest="cpus")
    return p

cases = [
    [], ["-s", "5"], ["-s5"], ["--seed=5"], ["--seed", "5"], ["--se", "7"], ["--s", "1"], ["-cs3"], ["-cS"], ["-c", "-S", "extra", "words"],
    ["-q"], ["--frob"], ["--frob=1"], ["-s"], ["--seed"], ["-s", "x"], ["-s", ""], ["--seed="], ["-s", "0x1f"], ["-s", "0X1F"],
    ["-s", "010"], ["-s", "08"], ["-s", "0"], ["-s", "0b101"], ["-s", "0b"], ["-s", "-5"], ["-s", "+5"], ["-s", " 12 "],
    ["-s", "1_000"], ["-s", "1__0"], ["-s", "_1"], ["-s", "1.5"], ["-s", "99999999999999999999"], ["-s", "-0x10"],
    ["-s", "9223372036854775807"], ["-s", "-9223372036854775808"], ["-r", "0.25"], ["-r", "1e3"], ["-r", ".5"], ["-r", "5."],
    ["-r", "inf"], ["-r", "-Infinity"], ["-r", "nan"], ["-r", "x"], ["-r", "1e"], ["-r", "1_0.5"], ["-r", "0x10"], ["-r", " 2.5 "],
    ["--ratio=3"], ["--stay=1"], ["--iobump"], ["--io"], ["--num", "4"], ["--n", "4"], ["--nu=4"], ["--q", "1,2"], ["--j", "2"],
    ["--", "-s", "5"], ["-", "-s", "2"], ["-l", "-5,3"], ["-l", "--seed"], ["-P", "c1"], ["-C", "2"], ["-j", "-s"],
    ["-x", "-s", "1"], ["-s", "1", "-s", "2"], ["---seed"], ["-h"], ["--help"], ["--he"], ["-s", "x", "-h"], ["-h", "-s", "x"],
    ["-ch"], ["--c", "1"], ["-Sc", "-j3", "--jlist=1,2,3", "--quantumList", "1,2", "a", "b"],
]
records = []
for argv in cases:
    out, err = io.StringIO(), io.StringIO()
    status = None
    values = None
    with redirect_stdout(out), redirect_stderr(err):
        try:
            options, args = make_parser().parse_args(argv)
            status = 0
            values = {k: v for k, v in vars(options).items()}
            values["args"] = args
        except SystemExit as e:
            status = e.code if e.code is not None else 0
    rec = {"args": argv, "status": status, "out": out.getvalue(), "err": err.getvalue()}
    if values is not None:
        for k, v in list(values.items()):
            if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
                values[k] = repr(v)
        rec["values"] = values
    records.append(rec)
json.dump({"python": "%d.%d.%d" % sys.version_info[:3], "cases": records}, sys.stdout, indent=1)
sys.stdout.write("\n")
