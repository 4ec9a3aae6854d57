#!/usr/bin/env python
"""Train the `cpu` preset on a simulated set and print the ARI curve beside the no-learning baseline.

    python bench/train_cpu_recipe.py --snr 0.1 --seeds 0 1 2                 # simulate 4 x 150 particles, MWA 30
    python bench/train_cpu_recipe.py --star OUT/particles.star --seeds 0      # an existing simulated set
    python bench/train_cpu_recipe.py --snr 0.1 --set lr=5e-4 --set mcl_n=16   # override preset values

Every epoch prints: seed, epoch, minutes, loss, the ARI of inference's readout (a GMM on z averaged over
32 wedge-keeping rotations, `infer.embed_stack` + `infer.fit_gmm`, as `cryomorph infer -k 4 --refine 0` does), the
same on the single-pass z, and the baseline ARI (KMeans on the radially averaged power spectrum of the same preprocessed particles), plus
the pose diagnostics: mean |t| (voxels), fraction of shifts within 5% of the bound, and the median
angular error of predicted rotations after fitting one rotation per class (the canonical frame is
arbitrary) — for the asymmetric ribosome class only, since symmetric structures have several right answers.
The last lines summarise each seed: ARI at the end, minimum over the last quarter, baseline.
"""
import argparse, json, time
from pathlib import Path
import numpy as np
import torch
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture
from sklearn.metrics import adjusted_rand_score


def parse_value(v: str):
    try: return json.loads(v)
    except json.JSONDecodeError: return v


def pose_errors(R_pred: np.ndarray, R_true: np.ndarray) -> np.ndarray:
    "Angles (degrees) between each predicted and true rotation after fitting one global rotation G (D = G·template)."
    G = np.einsum('nji,njk->nik', R_pred, R_true)  # R_pred^T R_true, constant if the poses are right
    U, _, Vt = np.linalg.svd(G.sum(0))
    Gm = U @ np.diag([1, 1, np.linalg.det(U @ Vt)]) @ Vt  # chordal mean
    # refine with a robust re-fit on the closest half (outliers from near-symmetric views)
    d = np.degrees(np.arccos(np.clip((np.einsum('nij,ij->n', G, Gm) - 1) / 2, -1, 1)))
    keep = d <= np.median(d)
    U, _, Vt = np.linalg.svd(G[keep].sum(0)); Gm = U @ np.diag([1, 1, np.linalg.det(U @ Vt)]) @ Vt
    return np.degrees(np.arccos(np.clip((np.einsum('nij,ij->n', G, Gm) - 1) / 2, -1, 1)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--star', help='an existing simulated particles.star (with rlnClassNumber and the true pose)')
    p.add_argument('--snr', type=float, default=0.1)
    p.add_argument('--mwa', type=float, default=30.)
    p.add_argument('--n-per-class', type=int, default=150)
    p.add_argument('--data-seed', type=int, default=0)
    p.add_argument('--seeds', type=int, nargs='+', default=[0])
    p.add_argument('--out', default='/tmp/cryomorph_bench')
    p.add_argument('--preset', default='cpu')
    p.add_argument('--rotations', type=int, default=32, help='rotations z is averaged over (0 = single pass)')
    p.add_argument('--every', type=int, default=1, help='read out every N epochs (and at the last)')
    p.add_argument('--set', action='append', default=[], help='key=value override of the preset (JSON values)')
    a = p.parse_args()
    from cryomorph.io import ParticleSet
    from cryomorph.train import train
    from cryomorph.run import make_config
    from cryomorph.data import radial_power_spectrum, ParticleStack
    from cryomorph.infer import embed_stack, fit_gmm
    from cryomorph.transforms import relion_pose_to_transform
    out = Path(a.out)
    star = Path(a.star) if a.star else None
    if star is None:
        from cryomorph.simulate import simulate
        star = simulate(out / f'sim_snr{a.snr:g}_mwa{a.mwa:g}_s{a.data_seed}', n_per_class=a.n_per_class, snr=a.snr,
                        mwa_deg=a.mwa, seed=a.data_seed, progress=False)
    ps = ParticleSet.from_star(star, validate=False)
    labels = ps.particles['rlnClassNumber'].to_numpy()
    eul = ps.particles[['rlnAngleRot', 'rlnAngleTilt', 'rlnAnglePsi']].to_numpy(dtype=np.float64)
    org = ps.particles[['rlnOriginXAngst', 'rlnOriginYAngst', 'rlnOriginZAngst']].to_numpy(dtype=np.float64)
    R_true, t_true = relion_pose_to_transform(torch.from_numpy(eul), torch.from_numpy(org), ps.apix)
    R_true = R_true.numpy()
    names = None
    sim_json = Path(star).parent / 'simulation.json'
    if sim_json.exists():
        info = json.loads(sim_json.read_text())
        names = info.get('class_names') or info.get('names') or info.get('templates')
    ribo_class = None
    if names:
        for c, n in enumerate(names, 1):
            if '4v7r' in str(n).lower() or 'ribo' in str(n).lower(): ribo_class = c
    if ribo_class is None: ribo_class = 3  # sorted bundled templates: 2uv8, 4cr2, 4v7r, 4v94
    overrides = dict(preset=a.preset, **{k: parse_value(v) for k, v in (s.split('=', 1) for s in a.set)})
    cfg0 = make_config(**overrides)
    print(f"particles: {star} ({len(ps)}; classes {np.bincount(labels)[1:].tolist()}); preset {a.preset}; "
          f"overrides {overrides}; torch threads {torch.get_num_threads()}", flush=True)
    summary = []
    for seed in a.seeds:
        run = out / f"run_{Path(star).parent.name}_{a.preset}_seed{seed}"
        base = {}
        t0 = time.time()
        curve = []

        def cb(epoch, model, row):
            if a.every and (epoch + 1) % a.every and epoch + 1 != cfg0['epochs']: return None
            stack = ParticleStack(run / 'particles.npy')
            e = embed_stack(model, stack, n_rotations=a.rotations)
            z, R, t = e['z'], e['R'], e['t']
            np.savez(run / f'readout_epoch{epoch + 1:03d}.npz', z=z, z_single=e['z_single'], R=R, t=t, labels=labels)
            if 'ari' not in base:
                x = np.load(run / 'particles.npy', mmap_mode='r')
                feats = radial_power_spectrum(torch.from_numpy(np.array(x))).numpy()
                base['ari'] = adjusted_rand_score(labels, KMeans(4, n_init=10, random_state=0).fit_predict(feats))
            gm = adjusted_rand_score(labels, fit_gmm(z, 4)[0])
            g1 = adjusted_rand_score(labels, fit_gmm(e['z_single'], 4)[0])
            sel = labels == ribo_class
            err = pose_errors(R[sel], R_true[sel])
            bound = model.encoder.max_shift
            mins = (time.time() - t0) / 60
            r = dict(ari_gmm=gm, ari_gmm_single=g1, baseline_ari=base['ari'], pose_err_median_deg=float(np.median(err)),
                     mean_abs_t=float(np.abs(t).mean()), t_at_bound=float((np.abs(t) > 0.95 * bound).mean()), minutes=mins)
            curve.append(r)
            print(f"seed {seed} epoch {epoch + 1:3d} min {mins:5.2f} loss {row['loss']:9.1f} "
                  f"ARI gmm(z averaged) {gm:.3f} gmm(z single) {g1:.3f} | baseline {base['ari']:.3f} | "
                  f"ribosome pose err median {np.median(err):5.1f} deg | mean|t| {np.abs(t).mean():.2f} "
                  f"at bound {r['t_at_bound']:.2f} | id-winners {row['identity_fraction']:.2f}", flush=True)
            return r

        train(star, run, {**overrides, 'seed': seed}, progress=False, callback=cb)
        q = curve[-max(1, len(curve) // 4):]
        summary.append((seed, curve[-1]['ari_gmm'], curve[-1]['ari_gmm_single'], min(c['ari_gmm'] for c in q),
                        base['ari'], curve[-1]['minutes']))
    for s in summary:
        print(f"seed {s[0]}: final ARI gmm(z averaged) {s[1]:.3f} (single pass {s[2]:.3f}); min over the last quarter "
              f"of the readouts {s[3]:.3f}; baseline {s[4]:.3f}; {s[5]:.1f} min")


if __name__ == '__main__': main()
