"""docs/scenario.schema.json matches what the scenario reader accepts: every scenario of labs/
and visualizer/demos/ validates against it, and scenarios the reader refuses for their shape are refused by it too.

Usage: python3 schema_test.py SOURCE_DIR (needs the jsonschema module; CMake adds the test only
when it is there)."""
import glob
import json
import os
import sys

import jsonschema

source = sys.argv[1]
schema = json.load(open(os.path.join(source, "docs", "scenario.schema.json"), encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = []

files = glob.glob(os.path.join(source, "labs", "**", "*.json"), recursive=True) + \
    glob.glob(os.path.join(source, "visualizer", "demos", "*.json"))
scenarios = [f for f in sorted(files) if "workload" in json.load(open(f, encoding="utf-8"))]
if len(scenarios) < 4:
    failures.append("found only %d scenarios" % len(scenarios))
for file in scenarios:
    for error in validator.iter_errors(json.load(open(file, encoding="utf-8"))):
        failures.append("%s: %s at %s" % (file, error.message, "/".join(map(str, error.absolute_path))))

refused = {
    "a periodic task with bursts": {"workload": {"processes": [{"name": "T", "period": 5, "bursts": [{"cpu": 1}]}]}},
    "jobs without a period": {"workload": {"processes": [{"name": "T", "length": 1, "jobs": 3}]}},
    "a periodic set without tasks": {"workload": {"periodic": {"utilisation": 0.5, "period": {"distribution": "constant", "value": 5}}}},
    "a program with path and prebuilt": {"workload": {"programs": [{"path": "a.elf", "prebuilt": "crc32"}]}},
    "a prebuilt name with a slash": {"workload": {"programs": [{"prebuilt": "../crc32"}]}},
    "a file path with ..": {"workload": {"processes": [{"name": "A", "length": 1}], "files": {"/a/../b": {"text": ""}}}},
    "an unknown key in a class": {"workload": {"generator": {"count": 1, "classes": [{"cpu_burst": {"distribution": "constant", "value": 1}, "colour": 1}]}}},
    "classes beside cpu_burst": {"workload": {"generator": {"count": 1, "cpu_burst": {"distribution": "constant", "value": 1},
                                                             "classes": [{"cpu_burst": {"distribution": "constant", "value": 1}}]}}},
    "a time past 2^52": {"workload": {"processes": [{"name": "A", "length": 2 ** 53}]}},
}
for what, scenario in refused.items():
    if validator.is_valid(scenario):
        failures.append("the schema accepts " + what)

for failure in failures:
    print(failure)
print("%d scenarios checked, %d refusals checked, %d failures" % (len(scenarios), len(refused), len(failures)))
sys.exit(1 if failures else 0)
