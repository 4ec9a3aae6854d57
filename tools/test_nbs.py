#!/usr/bin/env python
"""Run the notebooks' tests one notebook at a time and end with `N passed, N failed`.

    python tools/test_nbs.py                 # every notebook under nbs/, `slow` and `cuda` cells skipped
    python tools/test_nbs.py --flags slow    # also run the `slow` cells
    python tools/test_nbs.py nbs/01_fourier.ipynb nbs/02_transforms.ipynb

Each notebook runs in its own process (a crash or a leaked global cannot spill into the next) with
`nbdev.test.test_nb`, the function behind `nbdev_test`, which only prints `Success.`.
"""
import argparse, configparser, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _one(nb: str, skip: list, force: list) -> int:
    "Test one notebook in this process; exit status 0 if it passed."
    from nbdev.test import test_nb
    ok, secs = test_nb(Path(nb).resolve(), skip_flags=skip, force_flags=force, basepath=str(ROOT))
    print(f"{'PASS' if ok else 'FAIL'} {nb} ({secs:.1f} s)", flush=True)
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('notebooks', nargs='*', help='notebooks to test (default: all under nbs/)')
    p.add_argument('--flags', default='', help='space-separated tst_flags to run anyway, e.g. "slow"')
    p.add_argument('--_one', action='store_true', help=argparse.SUPPRESS)
    a = p.parse_args()
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    tst_flags = cfg['DEFAULT'].get('tst_flags', '').split()
    force = a.flags.split()
    skip = [f for f in tst_flags if f not in force]
    if a._one: sys.exit(_one(a.notebooks[0], skip, force))
    nbs = a.notebooks or sorted(str(p.relative_to(ROOT)) for p in (ROOT / 'nbs').rglob('*.ipynb')
                                if not any(part.startswith(('.', '_')) for part in p.relative_to(ROOT).parts))
    passed = failed = 0
    t0 = time.time()
    env = dict(os.environ, PYTHONWARNINGS='ignore', MPLBACKEND='Agg')
    for nb in nbs:
        r = subprocess.run([sys.executable, __file__, '--_one', '--flags', a.flags, nb], cwd=ROOT, env=env)
        if r.returncode == 0: passed += 1
        else: failed += 1
    print(f"tested {len(nbs)} notebooks in {time.time() - t0:.0f} s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == '__main__': main()
