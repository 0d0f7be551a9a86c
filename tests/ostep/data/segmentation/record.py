# Records the textbook script segmentation.py as test data for tests/ostep/memory_test.cpp:
#   python3 record.py PATH/TO/segmentation.py
# (the script is in the ostep-homework repository, vm-segmentation/). Writes cases.txt ("NAME EXIT ARGS",
# one case a line) and NAME.out / NAME.err (the script's standard output / error) beside this file.
# The cases are fixed ones (every flag, seeds, policies, -c and not, the script's own errors) and
# flags drawn at random from a fixed seed; a case the script dies on with a traceback is left out
# (memory_test.cpp checks kernsim's clear error for those).
import os, random, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261202)


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

c = both([['-s', str(s)] for s in range(10)])
c += both([['-a', '128', '-p', '512', '-b', '0', '-l', '20', '-B', '512', '-L', '20', '-s', '0'],
           ['-a', '128', '-p', '512', '-b', '0', '-l', '20', '-B', '512', '-L', '20', '-s', '1'],
           ['-a', '16', '-p', '128', '-A', '0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15', '--b0', '0', '--l0', '4', '--b1', '128', '--l1', '4'],
           ['-s', '1', '-n', '12'], ['-s', '2', '-a', '2k', '-p', '64k'], ['-s', '3', '-A', '10,500,1000,1023'],
           ['-s', '4', '-l', '100', '-L', '300'], ['-s', '5', '-b', '1000', '-B', '6000'], ['-n', '0'],
           ['--seed=6', '--asize=4k', '--physmem', '1m', '--numaddrs', '7'], ['-s', '0x10'], ['-s', '-5'],
           ['-a', '1k', '-p', '1500', '-b', '0', '-B', '1400'], ['-A', '5'], ['-a', '15', '-p', '100', '-A', '7,8,14', '-l', '3', '-L', '3'], ['-s', '7', '-b', '2000', '-l', '300', '-B', '10000', '-L', '400']])
c += [['-p', '4'], ['-a', '0'], ['-a', '1k', '-p', '1k'], ['-a', '1k', '-p', '1500'], ['-l', '600'], ['-L', '2000', '-B', '15k'],
      ['-b', '15k', '-l', '2k', '-B', '100'], ['-A', '1024'], ['-A', '-1,2'], ['-A', '5,-3'], ['-s', 'y'], ['-x'], ['--numaddrs'],
      ['-b', '100', '-l', '200', '-B', '350', '-L', '100'], ['-b', '16000', '-l', '300', '-B', '100', '-L', '10'], ['-c', '--c']]
for i in range(40):
    a = R.choice(['64', '128', '256', '1k', '2k', '4k'])
    ai = int(a[:-1]) * 1024 if a.endswith('k') else int(a)
    p = R.choice(['1k', '4k', '16k', '32k', '64k'])
    pi = int(p[:-1]) * 1024
    if pi <= 2 * ai: p = '64k'
    args = ['-s', str(R.randrange(0, 100000)), '-a', a, '-p', p, '-n', str(R.randrange(0, 15))]
    if R.random() < 0.3: args += ['-l', str(R.randrange(0, ai // 2 + 1))]
    if R.random() < 0.3: args += ['-L', str(R.randrange(0, ai // 2 + 1))]
    if R.random() < 0.3: args = args[:6] + ['-A', ','.join(str(R.randrange(0, ai)) for _ in range(R.randrange(1, 8)))]
    if R.random() < 0.6: args += ['-c']
    c.append(args)
record(c)
