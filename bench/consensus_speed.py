"""A readout by an earlier version of the package and by this one, side by side in one run, on the same trained run.

    git worktree add /tmp/before d65abba        # the earlier version's source
    python bench/consensus_speed.py RUN --truth particles.star --before-src /tmp/before --work /tmp/cs [--threads 1]

RUN is a trained run (for example one of `readout_protocol.py`'s variants sets). It is copied twice into WORK and read
out by `cryomorph infer COPY -k 4 --classes consensus -q` (the consensus readout, exhaustive search, its default) in a
fresh process each: first with the earlier version's source first on the path (`--before-src`), then with this one.
Prints the seconds per stage (from each analysis.json), wall time, peak RSS, the ARI against the truth and the share
of particles in the same class. Last line: `consensus readout speedup: X.XX`. `--classes` and `--extra` read out
another way (e.g. `--classes auto`).
"""
import argparse, json, os, shutil, subprocess, sys, time
from pathlib import Path

import numpy as np

# runs a command and prints its peak RSS (kB): a small process of its own forks it, so the peak is the command's alone
_PEAK = ("import os, sys; pid = os.fork()\n"
         "if pid == 0: os.execvp(sys.argv[1], sys.argv[1:])\n"
         "_, status, ru = os.wait4(pid, 0); print(ru.ru_maxrss, file=sys.stderr); sys.exit(os.waitstatus_to_exitcode(status))")
# the CLI, from the source in BEFORE_SRC when set (ahead of an editable install's finder, which would win otherwise)
_CLI = ("import os, sys\n"
        "src = os.environ.get('BEFORE_SRC')\n"
        "if src:\n"
        "    sys.meta_path[:] = [f for f in sys.meta_path if '__editable__' not in getattr(f, '__module__', '')]\n"
        "    sys.path.insert(0, src)\n"
        "from cryomorph.cli import main; import cryomorph; print('cryomorph from', cryomorph.__file__, file=sys.stderr)\n"
        "sys.exit(main())")


def readout(run: Path, args: list, env: dict, log: Path):
    "One `cryomorph infer` in a fresh process: wall s, peak RSS GB."
    cmd = [sys.executable, '-c', _PEAK, sys.executable, '-c', _CLI, 'infer', str(run), *args]
    t0 = time.perf_counter()
    with open(log, 'w') as f: p = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, text=True, env=env)
    wall = time.perf_counter() - t0
    if p.returncode: raise SystemExit(f'infer failed ({p.returncode}); see {log}\n{p.stderr[-2000:]}')
    err = p.stderr.strip().splitlines()
    print(next(l for l in err if l.startswith('cryomorph from')), flush=True)
    return wall, int(err[-1]) / 1024 ** 2


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('run', type=Path)
    ap.add_argument('--truth', type=Path, required=True, help="the simulator's STAR file (true classes)")
    ap.add_argument('--before-src', type=Path, required=True, help="a checkout of the earlier version (its cryomorph/ is imported)")
    ap.add_argument('--work', type=Path, required=True)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--classes', default='consensus')
    a = ap.parse_args()
    from cryomorph.metrics import evaluate
    if not (a.before_src / 'cryomorph' / 'cli.py').exists(): raise SystemExit(f'{a.before_src}: no cryomorph/cli.py there')
    a.work.mkdir(parents=True, exist_ok=True)
    base = dict(os.environ, OMP_NUM_THREADS=str(a.threads), MKL_NUM_THREADS=str(a.threads))
    envs = dict(before=dict(base, BEFORE_SRC=str(a.before_src.resolve())), now=base)
    rows = {}
    for name, env in envs.items():
        run = a.work / name
        shutil.rmtree(run, ignore_errors=True)
        shutil.copytree(a.run, run, ignore=shutil.ignore_patterns('analysis_*', 'embedding_cache'))
        wall, rss = readout(run, ['-k', '4', '--classes', a.classes, '-q'], env, a.work / f'{name}.log')
        an = run / 'analysis_k4'
        info = json.loads((an / 'analysis.json').read_text())
        rows[name] = dict(wall=wall, rss=rss, seconds=info['seconds'], ari=evaluate(an, a.truth, fsc=False)['ari'],
                          labels=np.load(an / 'embedding.npz')['labels'])
        print(f"{name}: {wall:.1f} s, peak RSS {rss:.2f} GB, ARI {rows[name]['ari']:.3f}", flush=True)
    stages = list(dict.fromkeys(s for r in rows.values() for s in r['seconds']))
    print(f"\nRun: {a.run}; `cryomorph infer RUN -k 4 --classes {a.classes} -q`, {a.threads} thread(s); before: {a.before_src}\n")
    print('| version | wall s | peak RSS GB | ARI | ' + ' | '.join(stages) + ' |')
    print('|---|---|---|---|' + '---|' * len(stages))
    for name, r in rows.items():
        print(f"| {name} | {r['wall']:.1f} | {r['rss']:.2f} | {r['ari']:.3f} | " + ' | '.join(f"{r['seconds'].get(s, 0.):.1f}" for s in stages) + ' |')
    print(f"\nsame class for {float((rows['before']['labels'] == rows['now']['labels']).mean()):.1%} of particles")
    print(f"consensus readout speedup: {rows['before']['wall'] / rows['now']['wall']:.2f}")


if __name__ == '__main__':
    main()
