#!/usr/bin/env python3
"""Print "N passed, N failed" from meson's testlog.json files.

Each TAP test counts its subtests ("ok"/"not ok"); any other test counts once.
A test that crashed or timed out counts as a failure even if none of its
subtests said "not ok". Exits 1 when anything failed or nothing ran at all.
"""
import json
import re
import sys

FAILED = {'FAIL', 'ERROR', 'TIMEOUT', 'UNEXPECTEDPASS', 'SIGTERM'}
TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')


def count(path):
    passed = failed = skipped = 0
    try:
        with open(path, encoding='utf-8') as f:
            lines = [line for line in f if line.strip()]
    except OSError as e:
        print(f'test-summary: cannot read {path}: {e}', file=sys.stderr)
        return 0, 1, 0
    for line in lines:
        test = json.loads(line)
        result = test.get('result', 'ERROR')
        if result == 'SKIP':
            skipped += 1
            continue
        sub_pass = sub_fail = sub_skip = 0
        stdout = test.get('stdout') or ''
        # meson 1.0 does not record the protocol; a TAP plan line tells.
        if re.search(r'^1\.\.\d+\s*$', stdout, re.M):
            for out in stdout.splitlines():
                m = TAP_LINE.match(out)
                if not m:
                    continue
                rest = m.group(2)
                if re.search(r'#\s*SKIP', rest, re.I):
                    sub_skip += 1
                elif m.group(1) == 'ok' or re.search(r'#\s*TODO', rest, re.I):
                    sub_pass += 1
                else:
                    sub_fail += 1
        if sub_pass + sub_fail + sub_skip == 0:
            if result in FAILED:
                failed += 1
            else:
                passed += 1
        else:
            if result in FAILED and sub_fail == 0:
                sub_fail = 1
            passed += sub_pass
            failed += sub_fail
            skipped += sub_skip
    return passed, failed, skipped


def main():
    passed = failed = skipped = 0
    for path in sys.argv[1:]:
        p, f, s = count(path)
        passed += p
        failed += f
        skipped += s
    if passed + failed == 0:
        failed = 1
        print('test-summary: no test ran', file=sys.stderr)
    print(f'{passed} passed, {failed} failed, {skipped} skipped')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
