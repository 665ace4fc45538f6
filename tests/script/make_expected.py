#!/usr/bin/env python3
"""Regenerates tests/script/cases/NAME.expected (stdout) and NAME.expected_stderr (stderr,
only when non-empty) by running each NAME.py under CPython 3.11 from the cases folder,
so tracebacks name the file as "NAME.py".

Expected outputs were generated with CPython 3.11 (python3 --version: 3.11.7), position
markers under traceback source lines (the "~~~^^^" lines) included.

Usage: python3 tests/script/make_expected.py [NAME ...]
"""
import pathlib
import subprocess
import sys

CASES = pathlib.Path(__file__).resolve().parent / "cases"


def main(names):
    if sys.version_info[:2] != (3, 11):
        print("warning: expected outputs are defined by CPython 3.11, this is", sys.version.split()[0])
    files = sorted(CASES.glob("*.py")) if not names else [CASES / (n + ".py") for n in names]
    for path in files:
        proc = subprocess.run([sys.executable, path.name], cwd=CASES, capture_output=True, text=True, timeout=120)
        # CPython 3.11 names the main script by its absolute path; Loopscope by the name given.
        prefix = str(CASES) + "/"
        proc.stdout = proc.stdout.replace(prefix, "")
        proc.stderr = proc.stderr.replace(prefix, "")
        (CASES / (path.stem + ".expected")).write_text(proc.stdout)
        err_path = CASES / (path.stem + ".expected_stderr")
        err = proc.stderr
        if err:
            err_path.write_text(err)
        elif err_path.exists():
            err_path.unlink()
        print(f"{path.stem}: exit {proc.returncode}, {len(proc.stdout)} bytes stdout, {len(err)} bytes stderr")


if __name__ == "__main__":
    main(sys.argv[1:])
