#!/usr/bin/env python
"""Every stage of `cryomorph infer RUN -k 4` timed at growing numbers of particles, with its growth and a
projection to the paper's 55,118; the search of earlier versions (`--search exhaustive --rotations 32`) beside
the default on the same particles.

    python bench/scale.py --work /tmp/scale                       # 600, 2,400 and 9,600 particles
    python bench/scale.py --work /tmp/scale --sizes 600 2400 --epochs 2

The four bundled structures are simulated once at the largest size (SNR 0.1, 30° wedge, box 48, as the
benchmark's `snr0.1_mwa30`); a smaller size takes the first n/4 particles of each structure. Each size is
trained with `cryomorph train --preset cpu --epochs E`, then read out by `cryomorph infer RUN -k 4` in a fresh
process (so what a user waits for counts: imports, UMAP's compilation), its embedding cache removed first. The
seconds of each stage come from the analysis's `analysis.json` (`seconds`, timed by `cryomorph.train.stage`),
the wall time and peak resident memory (RSS) from the operating system, the ARI from `cryomorph.metrics.evaluate`.

Prints one table per size (seconds per 1,000 particles per stage), the growth exponent b of each stage
(seconds ∝ n^b, least squares over the sizes), the projection to 55,118 particles on this machine, and as its
last line `default infer speedup vs exhaustive: X.XX`: the wall time of the two readouts of the same trained run,
one after the other, at --before-at particles (default 2,400: enough that the start-up both pay, imports and
UMAP's compilation, about 15 s, does not stand for the cost per particle). Writes WORK/scale.json.
"""
import argparse, json, os, shutil, subprocess, sys, time
from pathlib import Path
import numpy as np

PAPER_N = 55118
BEFORE = ['--search', 'exhaustive', '--rotations', '32']  # the default readout before the fast search


# runs a command and prints its peak RSS (kB): a small process of its own forks it, so the peak is the command's alone
_PEAK = ("import os, sys; pid = os.fork()\n"
         "if pid == 0: os.execvp(sys.argv[1], sys.argv[1:])\n"
         "_, status, ru = os.wait4(pid, 0); print(ru.ru_maxrss, file=sys.stderr); sys.exit(os.waitstatus_to_exitcode(status))")


def sh(cmd, log):
    """Run a console command; (wall seconds, its peak RSS, GB). A child's rusage also counts the memory of the process
    that forked it (Linux keeps it across exec), and this one may hold the simulated particles: so a small Python
    process forks the command and reports the command's peak alone."""
    print('$', ' '.join(map(str, cmd)), flush=True)
    t = time.perf_counter()
    with open(log, 'w') as f:
        p = subprocess.run([sys.executable, '-c', _PEAK] + [str(c) for c in cmd], stdout=f, stderr=subprocess.PIPE, text=True)
    f_err = p.stderr.strip().splitlines()
    if p.returncode: sys.exit(f"failed ({log}):\n" + Path(log).read_text()[-3000:] + '\n'.join(f_err[-30:]))
    with open(log, 'a') as f: f.write('\n'.join(f_err[:-1]) + '\n')  # the command's own stderr, after its stdout
    return time.perf_counter() - t, int(f_err[-1]) / 2 ** 20  # kB → GB


def subset(star: Path, n: int) -> Path:
    "The first n/4 particles of each structure, as a STAR file beside the simulated one (same relative names)."
    import starfile
    out = star.with_name(f'particles_{n}.star')
    if out.exists(): return out
    t = starfile.read(star, always_dict=True)
    p = t['particles']
    t['particles'] = p.groupby('rlnClassNumber', group_keys=False).head(n // 4).reset_index(drop=True)
    starfile.write(t, out)
    return out


def readout(run: Path, star: Path, extra, log):
    "One `cryomorph infer RUN -k 4` in a fresh process: wall s, peak RSS GB, seconds per stage, ARI."
    from cryomorph.metrics import evaluate
    shutil.rmtree(run / 'embedding_cache', ignore_errors=True)
    wall, rss = sh(['cryomorph', 'infer', run, '-k', '4', '-q', *extra], log)
    info = json.loads((run / 'analysis_k4' / 'analysis.json').read_text())
    ari = evaluate(run / 'analysis_k4', star, fsc=False)['ari']
    return dict(wall=wall, rss_gb=rss, seconds=info['seconds'], search=info['search'], n_rotations=info['n_rotations'], ari=ari)


def exponent(ns, ts):
    "b in t ∝ n^b, least squares in log-log; nan with fewer than two positive times."
    ok = [(n, t) for n, t in zip(ns, ts) if t > 0]
    if len(ok) < 2: return float('nan')
    x, y = np.log([n for n, _ in ok]), np.log([t for _, t in ok])
    return float(np.polyfit(x, y, 1)[0])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/cryomorph_scale')
    p.add_argument('--sizes', type=int, nargs='+', default=[600, 2400, 9600])
    p.add_argument('--epochs', type=int, default=2, help='training epochs per size (default 2: the network only has to exist)')
    p.add_argument('--before-at', type=int, help='size of the side-by-side readouts (default: the second smallest size)')
    p.add_argument('--no-before', action='store_true', help='skip the side-by-side readouts')
    a = p.parse_args()
    work = Path(a.work); work.mkdir(parents=True, exist_ok=True)
    sizes = sorted(a.sizes)
    from cryomorph.simulate import simulate
    t = time.perf_counter()
    star = simulate(work / 'sim', n_per_class=sizes[-1] // 4, snr=0.1, mwa_deg=30., seed=0, progress=False)
    print(f"simulated {sizes[-1]:,} particles in {time.perf_counter() - t:.0f} s: {star}", flush=True)
    rows = {}
    for n in sizes:
        s = subset(star, n)
        run = work / f'run_{n}'
        if not (run / 'checkpoints' / 'last.pt').exists():
            tw, trss = sh(['cryomorph', 'train', s, run, '--preset', 'cpu', '--epochs', a.epochs, '-q'], work / f'train_{n}.log')
            print(f"trained {n:,} particles, {a.epochs} epochs: {tw:.0f} s, peak RSS {trss:.2f} GB", flush=True)
        rows[n] = r = readout(run, s, [], work / f'infer_{n}.log')
        print(f"{n:,} particles: infer {r['wall']:.1f} s, peak RSS {r['rss_gb']:.2f} GB, ARI {r['ari']:.3f}", flush=True)
    before = None
    if not a.no_before:
        at = a.before_at or sizes[min(1, len(sizes) - 1)]
        if at not in sizes: sys.exit(f"--before-at {at}: not one of the sizes {sizes}")
        before = readout(work / f'run_{at}', subset(star, at), BEFORE, work / f'infer_{at}_before.log')
        now = readout(work / f'run_{at}', subset(star, at), [], work / f'infer_{at}_again.log')  # side by side: the same load
    stages = list(dict.fromkeys(s for r in rows.values() for s in r['seconds']))
    for r in rows.values(): r['seconds']['other'] = r['wall'] - sum(r['seconds'].values())  # start-up, imports, reading
    stages.append('other')

    print(f"\n## Seconds per 1,000 particles, per stage (`cryomorph infer RUN -k 4`, search {rows[sizes[0]]['search']}, "
          f"{rows[sizes[0]]['n_rotations']} rotations; SNR 0.1, 30°, box 24 trained {a.epochs} epochs)\n")
    print('| stage | ' + ' | '.join(f'{n:,}' for n in sizes) + ' | growth exponent | projected s at 55,118 |')
    print('|---|' + '---|' * (len(sizes) + 2))
    total_proj = 0.
    expo = {}
    for st in stages + ['total']:
        ts = [rows[n]['wall'] if st == 'total' else rows[n]['seconds'].get(st, 0.) for n in sizes]
        b = expo[st] = exponent(sizes, ts)
        proj = ts[-1] * (PAPER_N / sizes[-1]) ** (b if b == b else 1.)
        if st != 'total': total_proj += proj
        print(f"| {st} | " + ' | '.join(f'{1000 * t / n:.2f}' for t, n in zip(ts, sizes))
              + f" | {b:.2f} | {total_proj if st == 'total' else proj:,.0f} |")
    print('\n| particles | wall s | peak RSS GB | ARI |\n|---|---|---|---|')
    for n in sizes: print(f"| {n:,} | {rows[n]['wall']:.1f} | {rows[n]['rss_gb']:.2f} | {rows[n]['ari']:.3f} |")
    print(f"\nprojected to {PAPER_N:,} particles on this machine (each stage at {sizes[-1]:,} grown by its exponent): "
          f"{total_proj / 60:.0f} min")
    out = dict(sizes=sizes, epochs=a.epochs, rows={str(n): r for n, r in rows.items()}, exponents=expo,
               projected_s=total_proj)
    if before:
        out.update(before=before, default_again=now, before_at=at)
        print(f"\n## The same {at:,} particles, one readout after the other\n")
        print('| readout | wall s | peak RSS GB | ARI | ' + ' | '.join(stages[:-1]) + ' |')
        print('|---|---|---|---|' + '---|' * (len(stages) - 1))
        for name, r in (('exhaustive search, 32 rotations (before)', before), ('default', now)):
            print(f"| {name} | {r['wall']:.1f} | {r['rss_gb']:.2f} | {r['ari']:.3f} | "
                  + ' | '.join(f"{r['seconds'].get(s, 0.):.1f}" for s in stages[:-1]) + ' |')
    (work / 'scale.json').write_text(json.dumps(out, indent=1))
    if before: print(f"\ndefault infer speedup vs exhaustive: {before['wall'] / now['wall']:.2f}")


if __name__ == '__main__': main()
