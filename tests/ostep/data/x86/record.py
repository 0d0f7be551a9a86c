#!/usr/bin/env python3
"""Records the x86 test data: runs OSTEP's x86.py on every case and writes expected/NAME.out.

    python3 record.py PATH/TO/threads-locks/x86.py [COMMIT]

The cases are cases.txt (hand-picked) plus RANDOM_CASES drawn here with a fixed seed. Each run
is made from this folder (so "-p programs/..." and the ARG echo match the test's). index.txt
gets one line per case: NAME, the script's exit status class (ok, error = its own message and
exit 1, usage = an optparse error, crash = a Python exception) and the arguments. The host-time
"Emulation Rate" line of -S is dropped (kernsim does not read the host clock), and "x86.py" in
usage lines becomes "kernsim ostep x86".
"""
import os
import random
import shlex
import subprocess
import sys

RANDOM_CASES = 60

# program: (register that counts the loop, variables worth tracing, extra fixed arguments)
PROGRAMS = {
    'countdown.s': ('cx', [], []),
    'unlocked-counter.s': ('bx', ['total'], []),
    'slot-update.s': ('dx', ['3000', '3001'], []),
    'naive-flag.s': ('bx', ['busy', 'hits'], []),
    'swap-lock.s': ('bx', ['held', 'hits'], []),
    'read-then-swap.s': ('bx', ['held', 'hits'], []),
    'queue-lock.s': ('bx', ['next_ticket', 'serving', 'hits'], []),
    'swap-or-yield.s': ('bx', ['held', 'hits'], []),
    'two-thread-peterson.s': (None, ['want', 'victim', 'hits'], ['-t', '2', '-a', 'bx=0,bx=1']),
    'signal-wait.s': ('cx', ['2500'], []),
    'called-lock.s': ('bx', ['held', 'hits'], []),
}
REGISTERS = ['ax', 'bx', 'cx', 'dx', 'ex', 'fx', 'sp', 'bp']


def random_case(rng):
    program = rng.choice(sorted(PROGRAMS))
    counter, variables, fixed = PROGRAMS[program]
    args = ['-p', 'programs/' + program] + fixed
    threads = 2
    if not fixed:
        threads = rng.randint(1, 3)
        args += ['-t', str(threads)]
        if program == 'signal-wait.s':
            args += ['-a', ','.join('cx=%d' % (1 if i == threads - 1 else 0) for i in range(threads))]
        elif rng.random() < 0.5:
            args += ['-a', '%s=%d' % (counter, rng.randint(1, 3))]
        else:
            args += ['-a', ','.join('%s=%d' % (counter, rng.randint(1, 3)) for _ in range(threads))]
    if rng.random() < 0.3:
        schedule = [str(i) for i in range(threads)] + [str(rng.randrange(threads)) for _ in range(rng.randint(0, 6))]
        rng.shuffle(schedule)
        args += ['-P', ''.join(schedule)]
    else:
        args += ['-i', str(rng.randint(1, 9))]
        if rng.random() < 0.6:
            args += ['-r', '-s', str(rng.randint(0, 999))]
    if variables and rng.random() < 0.8:
        args += ['-M', ','.join(rng.sample(variables, rng.randint(1, len(variables))))]
    if rng.random() < 0.6:
        args += ['-R', ','.join(rng.sample(REGISTERS, rng.randint(1, 3)))]
    if rng.random() < 0.3:
        args += ['-C']
    if rng.random() < 0.15:
        args += ['-H', str(rng.randint(3, 12))]
    if rng.random() < 0.1:
        args += ['-S']
    if rng.random() < 0.75:
        args += ['-c']
    return args


def main():
    script = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    cases = []
    for line in open('cases.txt'):
        if line.strip() and not line.startswith('#'):
            name, args = line.split(':', 1)
            cases.append((name.strip(), shlex.split(args)))
    rng = random.Random(2026)
    for i in range(RANDOM_CASES):
        cases.append(('random-%02d' % i, random_case(rng)))
    os.makedirs('expected', exist_ok=True)
    index = ['# NAME<TAB>STATUS<TAB>ARGUMENTS, recorded with CPython %s from ostep-homework threads-locks/x86.py%s'
             % (sys.version.split()[0], ' (commit %s)' % sys.argv[2] if len(sys.argv) > 2 else '')]
    for name, args in cases:
        run = subprocess.run([sys.executable, script] + args, capture_output=True, text=True)
        out = ''.join(l for l in run.stdout.splitlines(True) if not l.startswith('STATS:: Emulation Rate'))
        out = out.replace('Usage: x86.py', 'Usage: kernsim ostep x86')
        status = 'ok' if run.returncode == 0 else 'usage' if run.returncode == 2 else \
                 'crash' if 'Traceback' in run.stderr else 'error'
        with open('expected/%s.out' % name, 'w') as f:
            f.write(out)
        if status == 'usage':
            with open('expected/%s.err' % name, 'w') as f:
                f.write(run.stderr.replace('x86.py', 'kernsim ostep x86'))
        index.append('%s\t%s\t%s' % (name, status, ' '.join(shlex.quote(a) for a in args)))
    with open('index.txt', 'w') as f:
        f.write('\n'.join(index) + '\n')


if __name__ == '__main__':
    main()
