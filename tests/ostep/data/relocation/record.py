# Records the textbook script relocation.py as test data for tests/ostep/memory_test.cpp:
#   python3 record.py PATH/TO/relocation.py
# (the script is in the ostep-homework repository, vm-mechanism/). Writes cases.txt ("NAME EXIT ARGS",
# one case a line) and NAME.out / NAME.err (the script's standard output / error) beside this file.
# The cases are fixed ones (every flag, seeds, policies, -c and not, the script's own errors) and
# flags drawn at random from a fixed seed; a case the script dies on with a traceback is left out
# (memory_test.cpp checks kernsim's clear error for those).
import os, random, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261201)


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
c += both([['-s', '1', '-n', '10'], ['-s', '2', '-a', '2k', '-p', '64k'], ['-s', '3', '-b', '1000', '-l', '300'],
           ['-b', '16k', '-l', '1k', '-p', '32k', '-a', '2k'], ['-s', '4', '-l', '100'], ['-s', '5', '-b', '0x100'],
           ['-n', '0'], ['-a', '1m', '-p', '1g', '-s', '7'], ['--seed=9', '--asize', '100', '--physmem=3000', '--addresses', '8'],
           ['-s', '010'], ['-s', '0x1f'], ['-s', '-3'], ['-s', '123456789012'], ['-cs', '2'], ['-s2', '-n3'],
           ['-b', '100', '-l', '0'], ['-a', '1', '-p', '2'], ['-s', '2', '-l', '2k', '-a', '1k', '-p', '16k'],
           ['--b', '2000', '--l', '500'], ['-n', '-2'], ['-a', '-16', '-s', '3'],
           ['-s', '1', '-b', '-5', '-l', '10']])
c += [['-p', '1'], ['-a', '0'], ['-a', '16k', '-p', '16k'], ['-b', '15k', '-l', '2k'], ['-s', 'x'], ['-q'],
      ['--seed'], ['-n', '1.5'], ['--nope'], ['-s'], ['-n', 'abc'], ['extra', 'args', '-s', '1']]
for i in range(40):
    a = R.choice(['16', '64', '256', '1k', '2k', '4k', '8k'])
    ai = int(a[:-1]) * 1024 if a.endswith('k') else int(a)
    p = R.choice([x for x in ['128', '1k', '4k', '16k', '32k', '64k', '1m'] if (int(x[:-1]) * (1024 if x[-1]=='k' else 1024*1024) if x[-1] in 'km' else int(x)) > ai])
    args = ['-s', str(R.randrange(0, 100000)), '-a', a, '-p', p, '-n', str(R.randrange(0, 20))]
    if R.random() < 0.3: args += ['-l', str(R.randrange(1, ai + 1))]
    if R.random() < 0.2: args += ['-b', str(R.randrange(0, 1000))]
    if R.random() < 0.6: args += ['-c']
    c.append(args)
record(c)
