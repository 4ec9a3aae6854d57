"""How the hard set's consensus differences are best clustered, on the alignments `infer` found with several seeds.

    python bench/archive/hard_consensus_box.py --work /tmp/hdnet --boxes 48 --seeds 0 1 2   # the readouts (alignments)
    python bench/archive/hard_clustering.py --work /tmp/hdnet --seeds 0 1 2

For each WORK/analysis_box48_seed{S} (a copy of `infer`'s analysis folder, as `hard_consensus_box.py` keeps it), the
particles' poses on the consensus are read back from its classes.star, the consensus is averaged again from them
and each particle's difference from it is measured (`align.difference_features`, as `consensus_classes` does), then:
  1. for the leading 32 whitened principal components: those where the true classes explain at least 30 % of the
     variance (R²), with their excess kurtosis (heavy tails: a few particles far out);
  2. the ARI of clustering rules on the same differences, on all particles and on random subsets of 300 and 200:
     the Gaussian mixture on 2K principal components (`cluster_differences(method='gmm')` when this was measured;
     that option was removed after it, so the rule is written out here); k-means on 8K (at most N/15) whitened
     components, the lowest inertia of 200 starts; the same after dropping components with excess kurtosis > 2 (the
     rule before the consensus); and `align.cluster_differences`, the consensus of k-means partitions of clipped
     components.
"""
import argparse, json
from pathlib import Path
import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/hdnet')
    p.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    p.add_argument('--box', type=int, default=48)
    a = p.parse_args()
    import torch
    from scipy.stats import kurtosis
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.metrics import adjusted_rand_score as ari
    from sklearn.mixture import GaussianMixture
    from cryomorph.align import cluster_differences, difference_features, wedge_average
    from cryomorph.data import data_wedge_mask
    from cryomorph.fourier import soft_sphere_mask
    from cryomorph.io import ParticleSet, read_star
    from cryomorph.transforms import relion_pose_to_transform
    torch.set_num_threads(2)
    work = Path(a.work)
    y = ParticleSet.from_star(work / 'data' / 'hard_snr0.1_mwa30' / 'particles.star',
                              validate=False).particles['rlnClassNumber'].to_numpy()
    k = len(set(y))

    def kmeans(Z, seed, drop_heavy=False):
        if drop_heavy: Z = Z[:, kurtosis(Z, axis=0) <= 2]
        return KMeans(k, n_init=200, random_state=seed).fit_predict(Z)

    def mixture(X, seed):  # a full-covariance Gaussian mixture on 2K unwhitened principal components
        Z = PCA(min(2 * k, *X.shape), random_state=seed).fit_transform(X).astype(np.float64)
        return GaussianMixture(k, n_init=5, random_state=seed).fit(Z).predict(Z) + 1

    rules = {'mixture 2K': mixture,
             'k-means': lambda X, s: kmeans(PCA(max(k, min(8 * k, len(X) // 15)), random_state=s, whiten=True)
                                            .fit_transform(X).astype(np.float64), s),
             'k-means, kurtosis ≤ 2': lambda X, s: kmeans(PCA(max(k, min(8 * k, len(X) // 15)), random_state=s, whiten=True)
                                                         .fit_transform(X).astype(np.float64), s, True),
             'consensus (default)': lambda X, s: cluster_differences(X, k, seed=s)[0]}
    rng = np.random.default_rng(0)
    subsets = [('all', np.arange(len(y)))] + [(f'{n} random', np.sort(rng.choice(len(y), n, replace=False)))
                                              for n in (300, 300, 200, 200)]
    table = {r: [] for r in rules}
    for seed in a.seeds:
        an = work / f'analysis_box{a.box}_seed{seed}'
        info = json.loads((an / 'analysis.json').read_text())
        parts = torch.from_numpy(np.load(Path(info['run']) / f'stack_box{info["consensus_box"]}' / 'particles.npy'))
        poses = read_star(an / 'classes.star')['particles']
        apix = info['apix'] * info['box'] / info['consensus_box']  # the poses' voxels: the particles' at the consensus box
        R, t = relion_pose_to_transform(torch.tensor(poses[['rlnAngleRot', 'rlnAngleTilt', 'rlnAnglePsi']].to_numpy()),
                                        torch.tensor(poses[['rlnOriginXAngst', 'rlnOriginYAngst', 'rlnOriginZAngst']].to_numpy()),
                                        apix)
        R, t, D = R.float(), t.float(), parts.shape[-1]
        wedge = data_wedge_mask(parts, max_particles=256)
        X = difference_features(parts, R, t, wedge_average(parts, R, t, wedge) * soft_sphere_mask(D), wedge)
        Z = PCA(32, random_state=0, whiten=True).fit_transform(X)
        r2 = np.array([np.var([Z[y == c, j].mean() for c in y]) / Z[:, j].var() for j in range(Z.shape[1])])
        ku = kurtosis(Z, axis=0)
        print(f"seed {seed} ({an}, box {D}): components (1-based) with class R² ≥ 0.3: "
              f"{', '.join(f'{j + 1} (R² {r2[j]:.2f}, kurtosis {ku[j]:+.1f})' for j in np.flatnonzero(r2 >= 0.3))}; "
              f"{(ku > 2).sum()} of 32 have kurtosis > 2", flush=True)
        for name, rule in rules.items():
            scores = [ari(y[idx], rule(X[idx], seed)) for _, idx in subsets]
            table[name].append(scores)
            print(f"   {name:24s} " + '  '.join(f'{n} {v:.3f}' for (n, _), v in zip(subsets, scores)), flush=True)
    print(f"\nover seeds {a.seeds}: ARI on all particles (min–max) and on the subsets (min, mean)")
    for name, rows in table.items():
        v = np.array(rows)
        print(f"   {name:24s} all {v[:, 0].min():.3f}–{v[:, 0].max():.3f} (mean {v[:, 0].mean():.3f}); "
              f"subsets min {v[:, 1:].min():.3f}, mean {v[:, 1:].mean():.3f}")


if __name__ == '__main__':
    main()
