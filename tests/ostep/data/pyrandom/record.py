# Records CPython's random module for tests/ostep/pyrandom_test.cpp: `python3 record.py > calls.txt`.
# Each block starts with "seed N"; each line after it is "CALL ARGS... -> RESULT" in call order.
import random
import sys

seeds = [0, 1, 5, -5, 42, 2**32 - 1, 2**32, 2**32 + 1, 2**63 - 1, -(2**63), 123456789012345, -987654321]
out = sys.stdout
out.write("# CPython %d.%d.%d\n" % sys.version_info[:3])
for s in seeds:
    r = random.Random(s)
    out.write("seed %d\n" % s)
    for _ in range(5):
        out.write("random -> %r\n" % r.random())
    for k in list(range(0, 65)):
        out.write("getrandbits %d -> %d\n" % (k, r.getrandbits(k)))
    for a, b in [(0, 0), (1, 6), (0, 99), (-10, 10), (0, 2**31), (1, 2**40), (-(2**62), 2**62 - 2)]:
        out.write("randint %d %d -> %d\n" % (a, b, r.randint(a, b)))
    for start, stop, step in [(0, 10, 1), (0, 100, 7), (10, 0, -1), (100, -100, -13), (5, 6, 3), (-7, 50, 4)]:
        out.write("randrange %d %d %d -> %d\n" % (start, stop, step, r.randrange(start, stop, step)))
    for a, b in [(0.0, 1.0), (2.5, 10.0), (-3.0, 3.0), (10.0, 1.0)]:
        out.write("uniform %r %r -> %r\n" % (a, b, r.uniform(a, b)))
    out.write("expovariate 0.5 -> %r\n" % r.expovariate(0.5))
    for n in [1, 2, 3, 10, 1000]:
        out.write("choice %d -> %d\n" % (n, r.choice(list(range(n)))))
    for n in [0, 1, 2, 5, 17, 100]:
        seq = list(range(n))
        r.shuffle(seq)
        out.write("shuffle %d -> %s\n" % (n, " ".join(map(str, seq))))
    for n, k in [(5, 0), (5, 5), (10, 3), (21, 21), (30, 6), (100, 10), (1000, 7), (50, 40), (200, 17)]:
        out.write("sample %d %d -> %s\n" % (n, k, " ".join(map(str, r.sample(range(n), k)))))
    for _ in range(3):
        out.write("random -> %r\n" % r.random())
# Reseeding an existing generator restarts it exactly.
r = random.Random(7)
r.random()
r.seed(7)
out.write("seed 7\nrandom -> %r\n" % r.random())
