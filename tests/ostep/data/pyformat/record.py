# Records CPython's str()/repr() of floats, %-formatting, str() of lists and round() for
# tests/ostep/pyformat_test.cpp: `python3 record.py > cases.txt`. Fields are separated by tabs:
#   repr  FLOAT.hex()  RESULT
#   percent  FORMAT  ARG...  RESULT      (each ARG is i:INT, f:FLOAT.hex(), s:TEXT or b:BOOL)
#   round  FLOAT.hex()  NDIGITS|-  RESULT
#   list  ARG...  RESULT
import random
import sys

out = sys.stdout
out.write("# CPython %d.%d.%d\n" % sys.version_info[:3])

floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.675, 1/3, 2/3, 100.0, 1e15, 1e16, 1e17, 123456789012345678.0,
          1e-4, 1e-5, 1.5e-5, 0.00012345, 1e22, 1e-300, 5e-324, 1.7976931348623157e308, 3.14159, 2.5, 12.0,
          float("inf"), float("-inf"), float("nan"), 9007199254740993.0, 0.3, 1e300 * 10, 4.35, 99.99, 33.333333333333336]
rng = random.Random(2024)
for _ in range(150):
    floats.append(rng.random() * 10 ** rng.randint(-8, 20) * (-1 if rng.random() < 0.3 else 1))
for _ in range(50):
    floats.append(float(rng.randint(0, 10**6)) / rng.choice([1, 2, 4, 10, 100, 3, 7]))

def arg(v):
    if isinstance(v, bool):
        return "b:%s" % v
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:%s" % v.hex()
    return "s:%s" % v

for f in floats:
    out.write("repr\t%s\t%r\n" % (f.hex(), f))

formats = {
    "int": ["%d", "%3d", "%-5d|", "%05d", "%+d", "% d", "%x", "%X", "%#x", "%08x", "%o", "%#o", "%.3d", "%2s", "%s", "%r", "%-10s|", "%c" ],
    "float": ["%f", "%.2f", "%.1f", "%6.2f", "%-8.3f|", "%08.2f", "%+.1f", "%e", "%.3e", "%E", "%g", "%.3g", "%10.4g", "%G", "%#g", "%s", "%r", "%d", "%5d", "%.0f", "%i"],
    "str": ["%s", "%10s", "%-10s|", "%.2s", "%r", "%5r"],
    "bool": ["%s", "%d", "%r", "%5s"],
}
ints = [0, 1, -1, 7, 42, -42, 255, 65, 100000, 2**31, -(2**40)]
strs = ["", "a", "hello", "it's", 'say "hi"', "both ' and \"", "back\\slash"]
for f in formats["int"]:
    for v in ints:
        if f == "%c" and not (32 <= v < 127):
            continue
        out.write("percent\t%s\t%s\t%s\n" % (f, arg(v), f % v))
for f in formats["float"]:
    for v in floats[:40] + floats[40:60]:
        if f in ("%d", "%5d", "%i") and (v != v or abs(v) >= 2.0**63):
            continue  # py_percent's ints are 64-bit
        out.write("percent\t%s\t%s\t%s\n" % (f, arg(v), f % v))
for f in formats["str"]:
    for v in strs:
        out.write("percent\t%s\t%s\t%s\n" % (f, arg(v), f % v))
for f in formats["bool"]:
    for v in [True, False]:
        out.write("percent\t%s\t%s\t%s\n" % (f, arg(v), f % v))
# Several arguments, and a literal percent sign.
multi = [("%3d %s %6.2f%%", (5, "job", 12.3456)), ("[%s] %d:%d", ("x", -1, 2)), ("%s %s %s", (1.0, 2, "3")),
         ("Job %2d ( length = %3d, priority = %d )", (3, 17, 0)), ("%%d", ())]
for f, vs in multi:
    out.write("percent\t%s\t%s\t%s\n" % (f, "\t".join(arg(v) for v in vs), f % vs) if vs else "percent\t%s\t%s\n" % (f, f % vs))
for f in floats[:80]:
    if f != f or f in (float("inf"), float("-inf")):
        continue
    for n in [None, 0, 1, 2, 3]:
        r = round(f) if n is None else round(f, n)
        if n is None and abs(f) > 2**62:
            continue
        out.write("round\t%s\t%s\t%s\n" % (f.hex(), "-" if n is None else n, r if n is None else repr(r)))
lists = [[], [1, 2, 3], [0.5, 1.0, 1e-05], ["a", "it's"], [True, 3, "x", 2.5]]
for l in lists:
    out.write("list\t%s\t%s\n" % ("\t".join(arg(v) for v in l), str(l)))
