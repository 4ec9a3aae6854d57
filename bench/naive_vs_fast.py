"""Naive against fast MCL, trained side by side on the same particles with the same seed.

    python bench/naive_vs_fast.py --epochs 20 --n-per-class 150 --snr 0.1 --mwa 0

Three trainings of the cpu preset that differ only in how the winner-takes-all loss is computed:
  naive     all candidates in the autograd graph (mcl_fast=false)
  fast      winner chosen without gradients at the full box, only the winner recomputed (same loss and
            gradients as naive, see 06_losses)
  fast-half the cpu preset's own: winner chosen at half the box
Each is read out as `cryomorph infer` does (z averaged over 32 rotations → GMM, K = 4). Prints seconds per
epoch and ARI for each; the last line is `fast-half/naive: speedup X.XX, ARI difference Y.YYY`.
"""
import argparse, time
from pathlib import Path
import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='/tmp/cryomorph_naive_vs_fast')
    p.add_argument('--epochs', type=int, default=20)
    p.add_argument('--n-per-class', type=int, default=150)
    p.add_argument('--snr', type=float, default=0.1)
    p.add_argument('--mwa', type=float, default=0.)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--variants', nargs='+', default=['naive', 'fast', 'fast-half'])
    a = p.parse_args()
    import torch
    from sklearn.metrics import adjusted_rand_score
    from cryomorph.simulate import simulate
    from cryomorph.train import train
    from cryomorph.io import ParticleSet
    from cryomorph.data import ParticleStack
    from cryomorph.infer import embed_stack, fit_gmm
    torch.set_num_threads(2)
    out = Path(a.out)
    star = simulate(out / 'sim', n_per_class=a.n_per_class, snr=a.snr, mwa_deg=a.mwa, seed=a.seed, progress=False)
    y = ParticleSet.from_star(star, validate=False).particles['rlnClassNumber'].to_numpy()
    settings = {'naive': dict(mcl_fast=False, select_box=None), 'fast': dict(mcl_fast=True, select_box=None),
                'fast-half': {}}
    res = {}
    print(f"{len(y)} particles, SNR {a.snr}, MWA {a.mwa}, cpu preset, {a.epochs} epochs, seed {a.seed}; torch threads {torch.get_num_threads()}", flush=True)
    for v in a.variants:
        run = out / f'run_{v}'
        t0 = time.time()
        train(star, run, dict(preset='cpu', epochs=a.epochs, seed=a.seed, **settings[v]), progress=False)
        secs = time.time() - t0
        import pandas as pd
        log = pd.read_csv(run / 'log.csv')
        spe = float(log['seconds'].median())
        from cryomorph.run import open_run
        model = open_run(run).network()
        z = embed_stack(model, ParticleStack(run / 'particles.npy'))['z']
        ari = adjusted_rand_score(y, fit_gmm(z, 4)[0])
        res[v] = (spe, ari)
        print(f"{v:9s}: {spe:6.2f} s/epoch (median), {len(y) / spe:6.1f} particles/s, total {secs / 60:.1f} min, ARI {ari:.3f}", flush=True)
    if 'naive' in res and 'fast-half' in res:
        print(f"fast-half/naive: speedup {res['naive'][0] / res['fast-half'][0]:.2f}, ARI difference {res['fast-half'][1] - res['naive'][1]:+.3f}")


if __name__ == '__main__':
    main()
