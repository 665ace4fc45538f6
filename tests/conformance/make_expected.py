#!/usr/bin/env python3
"""Records what CPython 3.11 prints for every asyncio conformance program, so that
`loopscope run` can be held to it (tests/conformance/test_asyncio_conformance.cpp).

Programs: tests/conformance/cases/NAME.py, the demos resources/demos/NAME.py and the
older-asyncio programs tests/conformance/legacy/NAME.py.
For each one it writes, next to the case (demos: into tests/conformance/demos/):
  NAME.expected   stdout (always written, may be empty)
  NAME.stderr     stderr, only when non-empty
  NAME.exit       the exit status, only when non-zero
A legacy program names the CPython whose behaviour it holds Loopscope to with a header
line "# CPython: 3.8" (or 3.9, 3.10). It runs under that interpreter (found through
pyenv, $PYENV_ROOT or ~/.pyenv, or as pythonX.Y on PATH; skipped when absent), and only
its stdout and exit status are recorded: its NAME.stderr is Loopscope's own (the one-line
deprecation notes), kept by hand, never written or checked here.
A program whose header has the line "# Expect: deadlock" never finishes under CPython:
it is run for a few seconds with unbuffered output and only its stdout is recorded; the
test expects exit status 1 and a deadlock report on stderr instead.

Each program runs from its own folder as `python3 -u NAME.py`, with asyncio's loop on a
virtual clock (cpython_clock/sitecustomize.py): waiting for the next timer advances the
clock at once, so timestamps come out exact however busy the machine is, as they do on
Loopscope's virtual clock (time.sleep, in the loop's thread or in to_thread workers, is
virtual too). The recorded stderr is rewritten the way Loopscope prints it:
- Paths name the script relative to its folder, in stdout too (CPython 3.11 prints the
  absolute path, as loopscope does; the test strips the folder from loopscope's output).
- Frames inside CPython's standard library (asyncio/runners.py, base_events.py, tasks.py,
  ...) are dropped: Loopscope's asyncio is native code and has no Python frames.
- The "~~~^^^" position-marker lines under those frames' source lines go with them
  (Loopscope draws the markers of the program's own frames as 3.11 does).

Usage:
  python3 tests/conformance/make_expected.py [NAME ...]     record (all, or the named ones)
  python3 tests/conformance/make_expected.py --check [NAME ...]
        re-run CPython and report every program whose recorded expectation no longer matches
  python3 tests/conformance/make_expected.py --stress [NAME ...]
        re-run under CPython in real time, in real time with timers due within 10 ms batched
        into one loop iteration, on the virtual clock with the same batching, and on a
        virtual clock that never lets two timers fire in one iteration; report programs
        whose stdout or exit status changes (beyond timestamps drifting by 0.1): such a
        program depends on a race and must be fixed
"""
import concurrent.futures
import os
import pathlib
import re
import shutil
import subprocess
import sys
import sysconfig

HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE / "cases"
LEGACY = HERE / "legacy"
DEMOS = HERE.parent.parent / "resources" / "demos"
DEMO_EXPECTED = HERE / "demos"
DEADLOCK_SECONDS = 6
TIMEOUT_SECONDS = 120

STDLIB = sysconfig.get_paths()["stdlib"].rstrip("/") + "/"
FRAME = re.compile(r'^([\s|+\-]*)File "(.*)", line \d+, in ')

# tests/conformance/cpython_clock/sitecustomize.py swaps asyncio's clock (see there).
CLOCK_DIR = HERE / "cpython_clock"
STRESS_MODES = ["real", "batch", "virtual-batch", "virtual-split"]
FAILED_TO_RUN = -1  # run()'s exit status when the program did not behave as recorded


def expects_deadlock(path):
    for line in path.read_text().splitlines()[:10]:
        if line.strip() == "# Expect: deadlock":
            return True
    return False


def header_version(path):
    """The X.Y of a "# CPython: X.Y" header line, or None."""
    for line in path.read_text().splitlines()[:10]:
        m = re.fullmatch(r"#\s*CPython:\s*(\d+\.\d+)\s*", line.strip())
        if m:
            return m.group(1)
    return None


def is_legacy(path):
    return path.parent == LEGACY


def interpreter(path):
    """The python to run `path` with, or None when the one its header names is missing."""
    version = header_version(path)
    if version is None or version == "%d.%d" % sys.version_info[:2]:
        return sys.executable
    roots = [os.environ.get("PYENV_ROOT", ""), os.path.expanduser("~/.pyenv"), "/root/.pyenv"]
    for root in filter(None, roots):
        found = sorted(pathlib.Path(root, "versions").glob(f"{version}.*/bin/python{version}"))
        if found:
            return str(found[-1])
    return shutil.which(f"python{version}")


def expected_dir(path):
    return DEMO_EXPECTED if path.parent == DEMOS else path.parent


def clean_stderr(text, folder):
    text = text.replace(str(folder) + "/", "")
    lines = text.splitlines(keepends=True)
    out = []
    i = 0
    while i < len(lines):
        m = FRAME.match(lines[i])
        if m and (m.group(2).startswith(STDLIB) or m.group(2).startswith(str(CLOCK_DIR))):
            # drop the frame line and the source/marker lines indented under it
            col = len(m.group(1))
            i += 1
            while i < len(lines) and len(lines[i]) > col and lines[i][col] == " " \
                    and lines[i][:col].strip(" |+-") == "" and not FRAME.match(lines[i]):
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return "".join(out)


def run(path, clock="virtual"):
    """Returns (stdout, stderr, exit) as Loopscope should print them."""
    deadlock = expects_deadlock(path)
    env = dict(os.environ)
    env.pop("LOOPSCOPE_CPYTHON_CLOCK", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # keep __pycache__ out of the source tree
    if clock != "real":
        env["LOOPSCOPE_CPYTHON_CLOCK"] = clock
        env["PYTHONPATH"] = str(CLOCK_DIR)
    try:
        proc = subprocess.run([interpreter(path), "-u", path.name], cwd=path.parent, env=env,
                              capture_output=True, text=True,
                              timeout=DEADLOCK_SECONDS if deadlock else TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        if deadlock:
            return out, "", 1
        return out, f"timed out after {TIMEOUT_SECONDS} s\n", FAILED_TO_RUN
    if deadlock:
        return proc.stdout, f"finished (exit {proc.returncode}) but is marked '# Expect: deadlock'\n", FAILED_TO_RUN
    # CPython ends an uncaught KeyboardInterrupt by killing itself with SIGINT; a shell
    # reports that as 128 + 2, which is what loopscope returns.
    code = 128 - proc.returncode if proc.returncode < 0 else proc.returncode
    # A legacy program's recorded stderr is Loopscope's, not CPython's.
    err = "" if is_legacy(path) else clean_stderr(proc.stderr, path.parent)
    return proc.stdout.replace(str(path.parent) + "/", ""), err, code


def recorded(path):
    d = expected_dir(path)
    def read(suffix, default=""):
        f = d / (path.stem + suffix)
        return f.read_text() if f.exists() else default
    if expects_deadlock(path):
        return read(".expected"), "", 1
    err = "" if is_legacy(path) else read(".stderr")
    return read(".expected"), err, int(read(".exit", "0").strip() or 0)


def record(path, result):
    d = expected_dir(path)
    d.mkdir(exist_ok=True)
    out, err, code = result
    (d / (path.stem + ".expected")).write_text(out)
    suffixes = ((".stderr", err if not expects_deadlock(path) else ""),
                (".exit", f"{code}\n" if code != 0 and not expects_deadlock(path) else ""))
    for suffix, content in suffixes[1:] if is_legacy(path) else suffixes:
        f = d / (path.stem + suffix)
        if content:
            f.write_text(content)
        elif f.exists():
            f.unlink()


def programs(names):
    every = sorted(CASES.glob("*.py")) + sorted(DEMOS.glob("*.py")) + sorted(LEGACY.glob("*.py"))
    if not names:
        return every
    by_stem = {p.stem: p for p in every}
    missing = [n for n in names if n not in by_stem]
    if missing:
        sys.exit(f"no such program: {', '.join(missing)}")
    return [by_stem[n] for n in names]


# The interpreter the committed expectations come from.
RECORDED_WITH = (3, 11, 7)


def main(argv):
    mode = "record"
    if argv and argv[0] in ("--check", "--stress"):
        mode = argv.pop(0)[2:]
    files = programs(argv)
    if sys.version_info[:3] != RECORDED_WITH and not all(is_legacy(p) for p in files):
        version = sys.version.split()[0]
        if mode == "check":
            # Patch releases change asyncio corners too (3.11.x fixed Semaphore and TaskGroup
            # details), so only the recording interpreter can confirm the records.
            print(f"skipping the 3.11 programs: expectations were recorded with CPython {'.'.join(map(str, RECORDED_WITH))}, this is {version}")
            files = [p for p in files if is_legacy(p)]
        else:
            print(f"warning: expectations were recorded with CPython {'.'.join(map(str, RECORDED_WITH))}, this is {version}")
    missing = [p for p in files if interpreter(p) is None]
    for p in missing:
        print(f"{p.stem}: skipped, no CPython {header_version(p)} here")
    files = [p for p in files if p not in missing]
    if not files:
        sys.exit(77)  # nothing this machine can run: skipped
    bad = 0
    # The programs mostly sleep, so running several at once is cheap.
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        if mode == "stress":
            jobs = {p: [pool.submit(run, p, m) for m in STRESS_MODES] for p in files}
            base = {p: pool.submit(run, p) for p in files}
            for p in files:
                want = base[p].result()
                for m, job in zip(STRESS_MODES, jobs[p]):
                    got = job.result()
                    if (got[0], got[2]) != (want[0], want[2]):
                        if got[2] == want[2] and only_drift(want[0], got[0]):
                            print(f"{p.stem}: timestamps drift by 0.1 under '{m}' clock (a busy machine; not a race)")
                            continue
                        bad += 1
                        print(f"{p.stem}: output changes under the '{m}' clock")
                        show_diff(want[0], got[0])
        else:
            results = {p: pool.submit(run, p) for p in files}
            for p in files:
                got = results[p].result()
                if got[2] == FAILED_TO_RUN:
                    bad += 1
                    print(f"{p.stem}: {got[1].strip()}")
                    continue
                if mode == "check":
                    want = recorded(p)
                    if got != want:
                        bad += 1
                        print(f"{p.stem}: recorded expectation no longer matches CPython")
                        show_diff(want[0] + want[1] + f"exit {want[2]}\n", got[0] + got[1] + f"exit {got[2]}\n")
                else:
                    record(p, got)
                    print(f"{p.stem}: exit {got[2]}, {len(got[0])} bytes stdout, {len(got[1])} bytes stderr")
    if mode != "record":
        print(f"all {len(files)} programs OK" if not bad else f"{bad} problem(s) in {len(files)} programs")
    return 1 if bad else 0


NUMBER = re.compile(r"-?\d+\.\d+")


def only_drift(want, got):
    """True when the texts differ only in decimal numbers that are at most 0.1 apart:
    real-time sleeps accumulate scheduling delay, which can flip a rounded timestamp."""
    if NUMBER.sub("#", want) != NUMBER.sub("#", got):
        return False
    return all(abs(float(a) - float(b)) <= 0.1 + 1e-9
               for a, b in zip(NUMBER.findall(want), NUMBER.findall(got)))


def show_diff(want, got):
    import difflib
    for line in difflib.unified_diff(want.splitlines(), got.splitlines(), "expected", "actual", lineterm="", n=2):
        print("    " + line)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
