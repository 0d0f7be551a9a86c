# Records the textbook script paging-linear-translate.py as test data for tests/ostep/memory_test.cpp:
#   python3 record.py PATH/TO/paging-linear-translate.py
# (the script is in the ostep-homework repository, vm-paging/). Writes cases.txt ("NAME EXIT ARGS",
# one case a line) and NAME.out / NAME.err (the script's standard output / error) beside this file.
# The cases are fixed ones (every flag, seeds, policies, -c and not, the script's own errors) and
# flags drawn at random from a fixed seed; a case the script dies on with a traceback is left out
# (memory_test.cpp checks kernsim's clear error for those).
import os, random, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261204)


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
c += both([['-P', '1k', '-a', '16k', '-p', '32k', '-v', '-u', '0'], ['-P', '1k', '-a', '16k', '-p', '32k', '-v', '-u', '25'],
           ['-P', '1k', '-a', '16k', '-p', '32k', '-v', '-u', '100'], ['-P', '8', '-a', '32', '-p', '1024', '-v', '-s', '1'],
           ['-P', '8k', '-a', '32k', '-p', '1m', '-v', '-s', '2'], ['-P', '1m', '-a', '256m', '-p', '512m', '-v', '-s', '3'],
           ['-s', '4', '-A', '0,4095,4096,16383'], ['-s', '5', '-n', '12', '-v'], ['--seed=6', '--asize=8k', '--physmem', '32k', '--pagesize=1k', '--numaddrs', '6', '--used', '80'],
           ['-n', '0'], ['-s', '7', '-u', '-10'], ['-s', '8', '-u', '150', '-a', '4k', '-p', '16k', '-P', '1k']])
c += [['-p', '1'], ['-a', '0'], ['-a', '64k', '-p', '64k'], ['-a', '1g', '-p', '2g'], ['-a', '3k', '-p', '64k', '-P', '1k'],
      ['-a', '16k', '-p', '65k', '-P', '1k'], ['-a', '12k', '-p', '48k', '-P', '4k'], ['-a', '16k', '-P', '3k', '-p', '48k'],
      ['-s', 'q'], ['-j'], ['-u', 'many'], ['-P', '16k', '-a', '4k', '-p', '64k']]
for i in range(40):
    P = R.choice([16, 64, 256, 1024, 4096])
    vp = R.choice([4, 8, 16, 32, 64])
    pp = vp * R.choice([2, 4, 8])
    args = ['-s', str(R.randrange(0, 100000)), '-P', str(P), '-a', str(P * vp), '-p', str(P * pp), '-n', str(R.randrange(0, 12)), '-u', str(R.randrange(0, 101))]
    if R.random() < 0.5: args += ['-v']
    if R.random() < 0.6: args += ['-c']
    c.append(args)
record(c)
