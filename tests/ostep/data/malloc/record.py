# Records the textbook script malloc.py as test data for tests/ostep/memory_test.cpp:
#   python3 record.py PATH/TO/malloc.py
# (the script is in the ostep-homework repository, vm-freespace/). Writes cases.txt ("NAME EXIT ARGS",
# one case a line) and NAME.out / NAME.err (the script's standard output / error) beside this file.
# The cases are fixed ones (every flag, seeds, policies, -c and not, the script's own errors) and
# flags drawn at random from a fixed seed; a case the script dies on with a traceback is left out
# (memory_test.cpp checks kernsim's clear error for those).
import os, random, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261203)


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

pol = ['BEST', 'WORST', 'FIRST']
orders = ['ADDRSORT', 'SIZESORT+', 'SIZESORT-', 'INSERT-FRONT', 'INSERT-BACK']
c = both([['-s', str(s)] for s in range(6)])
for p in pol:
    for o in orders:
        c += both([['-s', '1', '-n', '20', '-p', p, '-l', o]])
        c += [['-s', '2', '-n', '30', '-p', p, '-l', o, '-C', '-c']]
c += both([['-A', '+20,+30,-0,-1,+10'], ['-A', '+10,-0,+20,-1,+30,+5'], ['-s', '3', '-H', '4', '-a', '4', '-n', '15'],
           ['-A', '+3,+4,-0,-1,+7', '-C', '-l', 'ADDRSORT'], ['-A', '+100', '-S', '100'], ['-A', '+101'], ['-A', '-0'],
           ['-A', '+5,-0,-0'], ['-A', '+5,+5,-2', '-H', '2'], ['-s', '4', '-S', '20', '-n', '30', '-r', '15'],
           ['-s', '5', '-P', '90', '-n', '20'], ['-s', '6', '-P', '10'], ['-s', '7', '-P', '100', '-n', '12', '-S', '30'],
           ['-b', '0', '-S', '50', '-s', '8', '-a', '8', '-H', '8'], ['-n', '0'], ['--seed=9', '--size', '64', '--policy=FIRST', '--listOrder', 'INSERT-FRONT', '--coalesce', '--numOps', '8', '--range=5', '--percentAlloc=70'],
           ['-A', '+10,+20,+30,-1,-0,-2', '-C'], ['-A', '+1,+2,+3,-1,+1', '-p', 'FIRST', '-l', 'INSERT-BACK'], ['-A', '+4,+4,+4,-1,-0', '-a', '4', '-H', '1', '-C'],
           ['-A', '+5,+5,+5,-0,-0,+5'], ['-S', '0', '-s', '1'], ['-b', '-50', '-s', '2'], ['-A', '+200,+5,-1']])
c += [['-s', 'z'], ['-k'], ['-S', 'big'], ['--policy']]
for i in range(40):
    args = ['-s', str(R.randrange(0, 100000)), '-n', str(R.randrange(0, 40)), '-p', R.choice(pol), '-l', R.choice(orders)]
    if R.random() < 0.5: args += ['-C']
    if R.random() < 0.3: args += ['-H', str(R.randrange(0, 5))]
    if R.random() < 0.3: args += ['-a', str(R.choice([2, 4, 8]))]
    if R.random() < 0.3: args += ['-S', str(R.randrange(20, 200)), '-r', str(R.randrange(1, 30))]
    if R.random() < 0.3: args += ['-P', str(R.randrange(10, 100))]
    if R.random() < 0.6: args += ['-c']
    c.append(args)
record(c)
