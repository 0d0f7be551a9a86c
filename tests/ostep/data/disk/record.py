#!/usr/bin/env python3
# Re-records the expected outputs of one storage simulator from the textbook's script:
#   record.py SIM SCRIPT     e.g. record.py raid ostep-homework/file-raid/raid.py
# Reads tests/ostep/data/SIM/cases.txt ("NAME STATUS ARGS..."), runs "python3 SCRIPT ARGS" for
# each case, writes its standard output to NAME.out and its exit status back into cases.txt.
# Used for disk, raid, vsfs, fsck, lfs, ssd and checksum (recorded with CPython 3.11.7). The seven
# scripts run unchanged under Python 3 (and 2); they draw only with random() (their own randint
# and choice are built on it) and divide as int(a / b) of non-negative numbers, or with
# "from __future__ import division", so Python 2 draws the same workloads; it prints the same but
# for floats printed with str(), which keeps 12 digits there (raid's "STAT totalTime 275.7" where
# Python 3 prints 275.69999999999993). -h was recorded with COLUMNS=80 as help.out.
import os
import subprocess
import sys

sim, script = sys.argv[1], os.path.abspath(sys.argv[2])
folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', sim)
header, cases = [], []
with open(os.path.join(folder, 'cases.txt')) as listing:
    for line in listing:
        if line.startswith('#') or not line.strip():
            header.append(line.rstrip('\n'))
        else:
            words = line.split()
            cases.append((words[0], words[2:]))
lines = []
for name, args in cases:
    result = subprocess.run(['python3', script] + args, capture_output=True, cwd=os.path.dirname(script))
    if b'Traceback' in result.stderr:
        sys.exit('%s: the script crashed on %s' % (name, ' '.join(args)))
    with open(os.path.join(folder, name + '.out'), 'wb') as out:
        out.write(result.stdout)
    lines.append(' '.join([name, str(result.returncode)] + args))
with open(os.path.join(folder, 'cases.txt'), 'w') as listing:
    listing.write('\n'.join(header + lines) + '\n')
