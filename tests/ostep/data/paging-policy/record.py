# Records the textbook script paging-policy.py as test data for tests/ostep/memory_test.cpp:
#   python3 record.py PATH/TO/paging-policy.py
# (the script is in the ostep-homework repository, vm-beyondphys-policy/). Writes cases.txt ("NAME EXIT ARGS",
# one case a line) and NAME.out / NAME.err (the script's standard output / error) beside this file.
# The cases are fixed ones (every flag, seeds, policies, -c and not, the script's own errors) and
# flags drawn at random from a fixed seed; a case the script dies on with a traceback is left out
# (memory_test.cpp checks kernsim's clear error for those).
import os, random, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261206)


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

pols = ['FIFO', 'LRU', 'OPT', 'UNOPT', 'RAND', 'CLOCK', 'MRU']
c = both([['-s', str(s)] for s in range(4)])
for p in pols:
    c += both([['-s', '1', '-p', p, '-n', '20']])
    c += [['-s', '2', '-p', p, '-n', '30', '-C', '4', '-m', '8', '-c'], ['-a', '0,1,2,0,1,3,0,3,1,2,1', '-p', p, '-c'],
          ['-s', '3', '-p', p, '-n', '15', '-c', '-N'], ['-f', 'addresses.txt', '-p', p, '-c', '-C', '2']]
for b in ['0', '1', '2', '3', '5']:
    c += [['-s', '4', '-p', 'CLOCK', '-b', b, '-n', '25', '-c'], ['-s', '5', '-p', 'CLOCK', '-b', b, '-n', '40', '-C', '5', '-m', '12', '-c']]
c += both([['-a', '1,2,3,4,1,2,5,1,2,3,4,5', '-C', '3', '-p', 'FIFO'], ['-a', '1,2,3,4,1,2,5,1,2,3,4,5', '-C', '4', '-p', 'FIFO'],
           ['-a', ' 7, +8,9 ', '-p', 'LRU'], ['-f', 'addresses.txt'], ['-n', '0', '-a', '-1', '-p', 'FIFO', '-C', '1'],
           ['--addresses=3,3,3', '--policy', 'OPT', '--cachesize=1'], ['--seed', '9', '--numaddrs=12', '--maxpage', '4', '--clockbits=1', '--policy=CLOCK'],
           ['-s', '0x10', '-n', '5'], ['-s', '-4', '-n', '5'], ['-s', '010'], ['-C', '1', '-s', '2', '-p', 'RAND'],
           ['-C', '10', '-m', '5', '-n', '20', '-p', 'CLOCK'],
           ['-a', '-1,2,3,4,-1,5,-1', '-C', '2', '-p', 'FIFO'], ['-a', '5', '-C', '-1', '-p', 'LRU'], ['-a', '1,2,1_0,1', '-p', 'OPT', '-C', '2']])
c += [['-p', 'NOPE', '-c'], ['-p', 'NOPE'], ['-b', 'two'], ['-w'], ['--policy'], ['-s', '1', '-p', 'lru', '-c']]
for i in range(40):
    args = ['-s', str(R.randrange(0, 100000)), '-p', R.choice(pols[:6]), '-n', str(R.randrange(1, 40)), '-C', str(R.randrange(1, 8)), '-m', str(R.randrange(1, 20))]
    if R.random() < 0.4: args += ['-b', str(R.randrange(0, 5))]
    if R.random() < 0.2: args += ['-N']
    if R.random() < 0.7: args += ['-c']
    c.append(args)
addrs = ''.join('%d\n' % R.randrange(0, 8) for _ in range(25))
record(c, extra_files=[('addresses.txt', addrs)])
