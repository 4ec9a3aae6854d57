"""How the hard set's consensus differences are best clustered: per-component class signal and tails, and the rules.

    python bench/hard_diagnosis.py --work /tmp/hdnet --box 48 --start /tmp/hdnet/consensus_box24.mrc  # writes differences.npy
    python bench/hard_clustering.py --work /tmp/hdnet

Reads WORK/differences.npy (each particle's measured difference from the consensus, `align.difference_features`, as
`hard_diagnosis.py` saves it) and the true classes of WORK's hard set, and prints:
  1. for the leading 40 whitened principal components: the share of their variance the true classes explain (R²)
     and their excess kurtosis (heavy tails: a few particles far out);
  2. the ARI of clustering rules on the same differences: the Gaussian mixture on 2K components, k-means on 8K
     whitened components (lowest inertia of 200 starts), and the same with heavy-tailed components (excess kurtosis
     > 2) dropped, as `difference_classes` does by default.
"""
import argparse
from pathlib import Path
import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/hdnet')
    a = p.parse_args()
    from scipy.stats import kurtosis
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.metrics import adjusted_rand_score as ari
    from sklearn.mixture import GaussianMixture
    from cryomorph.io import ParticleSet
    X = np.load(Path(a.work) / 'differences.npy')
    y = ParticleSet.from_star(Path(a.work) / 'data' / 'hard_snr0.1_mwa30' / 'particles.star',
                              validate=False).particles['rlnClassNumber'].to_numpy()
    k, N = len(set(y)), len(X)
    Z = PCA(40, random_state=0, whiten=True).fit_transform(X).astype(np.float64)
    r2 = np.array([np.var([Z[y == c, j].mean() for c in y]) / Z[:, j].var() for j in range(Z.shape[1])])
    ku = kurtosis(Z, axis=0)
    print(f"1. {N} particles; components (1-based) with class R² ≥ 0.3: "
          f"{', '.join(f'{j + 1} (R² {r2[j]:.2f}, kurtosis {ku[j]:+.2f})' for j in np.flatnonzero(r2 >= 0.3))}")
    heavy = ku > 2
    print(f"   {heavy.sum()} of 40 have excess kurtosis > 2 (up to {ku.max():.1f}); their largest R² is "
          f"{r2[heavy].max():.2f}; the rest's R² {np.round(np.sort(r2[~heavy])[::-1], 2).tolist()}")
    Zg = PCA(2 * k, random_state=0).fit_transform(X).astype(np.float64)
    print(f"2. Gaussian mixture, {2 * k} components: ARI {ari(y, GaussianMixture(k, n_init=5, random_state=0).fit_predict(Zg)):.3f}")
    for nc in sorted({min(8 * k, N // 15), 8 * k}):
        Zw = PCA(nc, random_state=0, whiten=True).fit_transform(X).astype(np.float64)
        keep = kurtosis(Zw, axis=0) <= 2
        full = ari(y, KMeans(k, n_init=200, random_state=0).fit_predict(Zw))
        kept = ari(y, KMeans(k, n_init=200, random_state=0).fit_predict(Zw[:, keep]))
        print(f"   k-means on {nc} whitened components: ARI {full:.3f}; heavy-tailed ones dropped ({keep.sum()} kept): {kept:.3f}")


if __name__ == '__main__':
    main()
