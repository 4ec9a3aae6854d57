#!/usr/bin/env python
"""Run the notebooks' tests one notebook at a time and end with `N passed, N failed`.

    python tools/test_nbs.py                 # every notebook under nbs/, `slow` and `cuda` cells skipped
    python tools/test_nbs.py --flags slow    # also run the `slow` cells
    python tools/test_nbs.py nbs/01_fourier.ipynb nbs/02_transforms.ipynb
    python tools/test_nbs.py --save nbs/10_viz.ipynb   # run and keep the outputs in the notebook (for the docs)

Each notebook runs in its own process (a crash or a leaked global cannot spill into the next) with
`nbdev.test.test_nb`, the function behind `nbdev_test`, which only prints `Success.`.
"""
import argparse, configparser, os, re, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_OUTPUT = 300_000      # characters of one saved output (an HTML/JS view)
MAX_PICTURE = 1_500_000   # characters of one saved figure


def _one(nb: str, skip: list, force: list) -> int:
    "Test one notebook in this process; exit status 0 if it passed."
    from nbdev.test import test_nb
    ok, secs = test_nb(Path(nb).resolve(), skip_flags=skip, force_flags=force, basepath=str(ROOT))
    print(f"{'PASS' if ok else 'FAIL'} {nb} ({secs:.1f} s)", flush=True)
    return 0 if ok else 1


def _save(nb: str, skip: list) -> int:
    """Run one notebook and write its outputs back into it, as nbdev projects keep them for the docs. Cells
    skipped by a flag (e.g. `slow`) keep the outputs of their last real run; every other cell gets fresh ones."""
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    path = Path(nb).resolve()
    book = read_nb(path)

    def no_eval(cell):
        if cell.cell_type != 'code': return True
        flags = set(re.findall(r'^#\|\s*(\w+)', cell.source, re.M))
        if flags & set(skip) or 'eval' in flags and re.search(r'^#\|\s*eval:\s*false', cell.source, re.M): return True
        cell.outputs = []
        return False
    t0, shell = time.time(), CaptureShell(path)
    cwd = os.getcwd(); os.chdir(path.parent)
    try: shell.run_all(book, exc_stop=True, preproc=no_eval)
    except Exception:
        sys.stderr.write(shell.prettytb(fname=path) + '\n')
        print(f"FAIL {nb} (not saved)", flush=True); return 1
    finally: os.chdir(cwd)
    for cell in book.cells:        # progress bars and warnings (stderr) are not kept
        if cell.get('outputs'): cell.outputs = [o for o in cell.outputs if o.get('name') != 'stderr']
    for cell in book.cells:        # an interactive 3Dmol view inlines its 0.5 MB library: keep a note, not the copy
        for i, o in enumerate(cell.get('outputs', [])):
            if len(str(o)) > (MAX_PICTURE if 'image/png' in o.get('data', {}) else MAX_OUTPUT):
                cell.outputs[i] = {'output_type': 'stream', 'name': 'stdout',
                                   'text': ['(an interactive view, too large to keep in the notebook: run the cell to see it)\n']}
    write_nb(book, path)
    subprocess.run([str(Path(sys.executable).parent / 'nbdev_clean'), '--fname', str(path)], check=True, cwd=ROOT)  # the venv's, on PATH or not
    print(f"SAVED {nb} ({time.time() - t0:.1f} s, {path.stat().st_size / 1e3:.0f} kB)", flush=True)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('notebooks', nargs='*', help='notebooks to test (default: all under nbs/)')
    p.add_argument('--flags', default='', help='space-separated tst_flags to run anyway, e.g. "slow"')
    p.add_argument('--save', action='store_true', help='keep the outputs in the notebooks (run, then nbdev_clean)')
    p.add_argument('--_one', action='store_true', help=argparse.SUPPRESS)
    a = p.parse_args()
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    tst_flags = cfg['DEFAULT'].get('tst_flags', '').split()
    force = a.flags.split()
    skip = [f for f in tst_flags if f not in force]
    if a._one: sys.exit(_save(a.notebooks[0], skip) if a.save else _one(a.notebooks[0], skip, force))
    nbs = a.notebooks or sorted(str(p.relative_to(ROOT)) for p in (ROOT / 'nbs').rglob('*.ipynb')
                                if not any(part.startswith(('.', '_')) for part in p.relative_to(ROOT).parts))
    passed = failed = 0
    t0 = time.time()
    env = dict(os.environ, PYTHONWARNINGS='ignore', MPLBACKEND='Agg', IN_TEST='1')
    if a.save:   # figures as inline PNGs, no progress bars in the saved outputs
        env.update(TQDM_DISABLE='1', MPLBACKEND='module://matplotlib_inline.backend_inline')
    for nb in nbs:
        r = subprocess.run([sys.executable, __file__, '--_one', '--flags', a.flags, *(['--save'] if a.save else []), nb],
                           cwd=ROOT, env=env)
        if r.returncode == 0: passed += 1
        else: failed += 1
    print(f"tested {len(nbs)} notebooks in {time.time() - t0:.0f} s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == '__main__': main()
