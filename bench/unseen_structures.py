#!/usr/bin/env python
"""The user's path on structures the package does not ship: four maps built here from simple geometry,
simulated, then `cryomorph train --preset cpu`, `cryomorph infer -k 4` and `cryomorph evaluate`, all
through the console, with the no-learning baseline printed beside the ARI.

    python bench/unseen_structures.py                   # SNR 0.1, MWA 30, 150 per structure
    python bench/unseen_structures.py --snr 0.01 --out /tmp/unseen001

The four maps (box 48, 7.5 Å): a cage (a spherical shell with six holes), a dumbbell (two balls on a
rod), a bent filament of beads, and a ring with one knob. They are smoothed to 15 Å and written as MRC.
"""
import argparse, json, subprocess, sys, time
from pathlib import Path
import numpy as np


def maps(box: int = 48) -> dict:
    c = box // 2
    z, y, x = np.meshgrid(*[np.arange(box) - c] * 3, indexing='ij')
    r = np.sqrt(x ** 2 + y ** 2 + z ** 2)
    ball = lambda cx, cy, cz, rad: ((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2) <= rad ** 2
    cage = (r >= 9) & (r <= 12)
    for d in ([1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]):
        cage &= ~ball(*(10.5 * np.array(d)), 4)
    dumbbell = ball(-10, 0, 0, 6) | ball(10, 0, 0, 5) | ((np.abs(x) <= 10) & (y ** 2 + z ** 2 <= 4))
    fil = np.zeros_like(cage)
    for k in range(9):
        a = k / 8 * np.pi * 0.8
        fil |= ball(14 * np.cos(a) - 7, 14 * np.sin(a) - 6, 3 * np.sin(2 * a), 3.5)
    ring = ((np.sqrt(x ** 2 + y ** 2) - 10) ** 2 + z ** 2 <= 3 ** 2) | ball(0, 13, 4, 4)
    return dict(cage=cage, dumbbell=dumbbell, filament=fil, ring_knob=ring)


def barrel_variants(box: int = 48, n: int = 5) -> dict:
    """A symmetric complex and three variants of it: a barrel of two rings of n subunits (Dn symmetry: an n-fold
    axis along z and n two-fold axes across it), each subunit a bead with a smaller knob beside it, so the barrel
    is chiral; its mirror image; the barrel missing one subunit; the barrel missing two neighbouring subunits.
    Only the last two break the symmetry, as a missing or changed domain does in a real complex."""
    c = box // 2
    z, y, x = np.meshgrid(*[np.arange(box) - c] * 3, indexing='ij')
    ball = lambda p, rad: ((x - p[0]) ** 2 + (y - p[1]) ** 2 + (z - p[2]) ** 2) <= rad ** 2

    def subunit(k, ring):  # ring +1 (top) or -1 (bottom: the top turned about the two-fold x axis, (x,y,z) -> (x,-y,-z))
        a = 2 * np.pi * k / n
        body = np.array([11 * np.cos(a), 11 * np.sin(a), 5.])
        knob = np.array([12 * np.cos(a + 0.45), 12 * np.sin(a + 0.45), 10.])
        flip = np.array([1, ring, ring])
        return ball(body * flip, 4.5) | ball(knob * flip, 2.8)

    def barrel(missing=()):
        m = np.zeros((box,) * 3, bool)
        for ring in (1, -1):
            for k in range(n):
                if (ring, k) not in missing: m |= subunit(k, ring)
        return m

    full = barrel()
    return dict(barrel=full, barrel_mirror=full[:, :, ::-1].copy(), barrel_minus_one=barrel({(1, 0)}),
                barrel_minus_two=barrel({(1, 0), (1, 1)}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='/tmp/cryomorph_unseen')
    p.add_argument('--snr', type=float, default=0.1)
    p.add_argument('--mwa', type=float, default=30.)
    p.add_argument('--n-per-class', type=int, default=150)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--train-args', default='', help='extra arguments for cryomorph train, e.g. "--epochs 40"')
    a = p.parse_args()
    import torch
    from cryomorph.io import write_mrc, read_mrc
    from cryomorph.fourier import lowpass
    from cryomorph.data import radial_power_spectrum
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score
    out = Path(a.out); tdir = out / 'structures'; tdir.mkdir(parents=True, exist_ok=True)
    for i, (name, m) in enumerate(maps().items(), 1):
        v = lowpass(torch.from_numpy(m.astype(np.float32))[None], 15., 7.5)[0].numpy()
        write_mrc(tdir / f'{i}_{name}.mrc', v, 7.5)
    cm = [sys.executable, '-c', 'from cryomorph.cli import run; run()']

    def run(*args):
        t0 = time.time()
        r = subprocess.run(cm + [str(s) for s in args], capture_output=True, text=True)
        if r.returncode: sys.exit(f"failed: cryomorph {' '.join(map(str, args))}\n{r.stderr[-2000:]}")
        return r.stdout, time.time() - t0

    sim = out / f'sim_snr{a.snr:g}_mwa{a.mwa:g}'
    _, ts = run('simulate', sim, '--templates', *sorted(tdir.glob('*.mrc')), '--n-per-class', a.n_per_class,
                '--snr', a.snr, '--mwa', a.mwa, '--seed', a.seed, '-q')
    run_dir = out / f'run_snr{a.snr:g}_mwa{a.mwa:g}_seed{a.seed}'
    _, tt = run('train', sim / 'particles.star', run_dir, '--preset', 'cpu', '--seed', a.seed, '-q', *a.train_args.split())
    _, ti = run('infer', run_dir, '-k', 4, '-q')
    ev, te = run('evaluate', run_dir / 'analysis_k4', '--truth', sim / 'particles.star')
    x = torch.from_numpy(np.load(run_dir / 'particles.npy'))
    import starfile
    y = starfile.read(sim / 'particles.star')['particles']['rlnClassNumber'].to_numpy()
    base = adjusted_rand_score(y, KMeans(4, n_init=10, random_state=0).fit_predict(radial_power_spectrum(x).numpy()))
    m = json.loads((run_dir / 'analysis_k4' / 'metrics.json').read_text())
    print(f"unseen structures, SNR {a.snr:g}, MWA {a.mwa:g}, {len(y)} particles, seed {a.seed}: "
          f"ARI {m['ari']:.3f}, accuracy {m['accuracy']:.3f}, aligned AUC-FSC {m.get('auc_fsc_mean', float('nan')):.3f} | "
          f"power-spectrum baseline ARI {base:.3f}")
    print(f"minutes: simulate {ts / 60:.1f}, train {tt / 60:.1f}, infer {ti / 60:.1f}, evaluate {te / 60:.1f}")
    print(f"templates: {run_dir / 'analysis_k4' / 'templates.png'}")


if __name__ == '__main__': main()
