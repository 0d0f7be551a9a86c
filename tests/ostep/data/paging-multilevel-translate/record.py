# Records the textbook script paging-multilevel-translate.py as test data for tests/ostep/memory_test.cpp:
#   python3 record.py PATH/TO/paging-multilevel-translate.py
# (the script is in the ostep-homework repository, vm-smalltables/). Writes cases.txt ("NAME EXIT ARGS",
# one case a line) and NAME.out / NAME.err (the script's standard output / error) beside this file.
# The cases are fixed ones (every flag, seeds, policies, -c and not, the script's own errors) and
# flags drawn at random from a fixed seed; a case the script dies on with a traceback is left out
# (memory_test.cpp checks kernsim's clear error for those).
import os, random, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261205)


def record(cases, extra_files=()):
    for name, text in extra_files:
        with open(os.path.join(HERE, name), 'w') as f:
            f.write(text)
    index, seen = [], set()
    for args in list(cases) + [['-h'], ['--help', '-s', '1']]:
        if tuple(args) in seen:
            continue
        seen.add(tuple(args))
        p = subprocess.run([sys.executable, sys.argv[1]] + args, cwd=HERE, capture_output=True, text=True,
                           timeout=60, env=dict(os.environ, COLUMNS='80'))
        if 'Traceback' in p.stderr:
            print('left out (traceback):', shlex.join(args), p.stderr.strip().splitlines()[-1], file=sys.stderr)
            continue
        name = '%03d' % len(index)
        with open(os.path.join(HERE, name + '.out'), 'w') as f:
            f.write(p.stdout)
        if p.stderr:
            with open(os.path.join(HERE, name + '.err'), 'w') as f:
                f.write(p.stderr)
        index.append('%s %d %s' % (name, p.returncode, shlex.join(args)))
    with open(os.path.join(HERE, 'cases.txt'), 'w') as f:
        f.write('# recorded with CPython %s: NAME EXIT ARGS (stdout in NAME.out, stderr in NAME.err)\n'
                % sys.version.split()[0] + '\n'.join(index) + '\n')


def both(list_of_args):
    out = []
    for a in list_of_args:
        out += [a, a + ['-c']]
    return out

c = both([['-s', str(s)] for s in range(8)])
c += both([['-s', '1', '-a', '0'], ['-s', '2', '-a', '1', '-n', '5'], ['-s', '3', '-a', '100', '-n', '20'], ['-s', '4', '-n', '0'],
           ['-s', '5', '-a', '10', '-n', '15'], ['--seed=6', '--allocated', '32', '--addresses=4'], ['-s', '7', '-a', '120']])
c += [['-s', 'bad'], ['-z'], ['-a'], ['--solve', '-s', '2']]
for i in range(25):
    args = ['-s', str(R.randrange(0, 100000)), '-a', str(R.randrange(0, 100)), '-n', str(R.randrange(0, 20))]
    if R.random() < 0.6: args += ['-c']
    c.append(args)
record(c)
