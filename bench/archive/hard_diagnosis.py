"""Why consensus classes stop near ARI 0.6 on the hard set: a diagnosis with the true structures at hand.

    python bench/archive/hard_diagnosis.py --work /tmp/hd             # box 24, as the `cpu` preset trains
    python bench/archive/hard_diagnosis.py --work /tmp/hd48 --box 48  # the particles' own box: a finer alignment

Simulates the benchmark's hard set at the `cpu` scale (150 particles per structure of 4cr2, its mirror image, and
copies missing the x or the y domain; SNR 0.1, 30° wedge; the benchmark's data seed), preprocesses it as
`train --preset cpu` does (box 24, or `--box`), and aligns every particle to one consensus average as `infer --classes
consensus` does, but started from the *true* full structure instead of the network's template (a diagnostic:
it removes the start as a cause). Then it prints:
  1. the ARI of `difference_classes` (PCA → Gaussian mixture) on that alignment, and its confusion matrix;
  2. how far apart each pair of true classes is along the direction between their true mean differences
     (in standard deviations of the particles' projections: what an oracle that knew the direction would see);
  3. for groups of true classes taken alone, a two-component mixture on their own leading principal components:
     whether the group splits, and along which classes (BIC gain, Mahalanobis distance of the two means);
  4. other clusterings of the same differences (more principal components, k-means, spectral, Ward, k-means on
     whitened principal components).
"""
import argparse, time
from pathlib import Path
import numpy as np, torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/hd')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--box', type=int, default=24, help='preprocessing box (the particles are simulated at 48)')
    p.add_argument('--start', help='an MRC map to start the consensus from instead of the true full structure '
                                   '(e.g. the consensus `infer --classes consensus` found at box 24; resampled to --box)')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    from sklearn.cluster import AgglomerativeClustering, KMeans, SpectralClustering
    from sklearn.decomposition import PCA
    from sklearn.metrics import adjusted_rand_score as ari, confusion_matrix
    from sklearn.mixture import GaussianMixture
    from cryomorph.align import difference_classes, difference_features, refine_classes
    from cryomorph.benchmark import SETTINGS, benchmark_dataset
    from cryomorph.data import data_wedge_mask, preprocess, preprocess_volumes
    from cryomorph.io import ParticleSet, read_mrc
    setting, out = 'hard_snr0.1_mwa30', Path(a.work)
    star = benchmark_dataset(out, setting, 150, list(SETTINGS).index(setting), False)
    parts = torch.from_numpy(np.load(preprocess(star, out / 'run', a.box, 15., progress=False)))
    n, D = len(parts), parts.shape[-1]
    y = ParticleSet.from_star(star, validate=False).particles['rlnClassNumber'].to_numpy()
    wedge = data_wedge_mask(parts, max_particles=256)
    start_map, start_apix = read_mrc(a.start or out / 'data' / 'hard_templates' / 'class_01.mrc')
    start, _ = preprocess_volumes(torch.tensor(np.asarray(start_map, np.float32))[None], start_apix, D, 15.)
    t0, saved = time.time(), out / 'consensus.pt'  # the alignment is kept: a second run only re-clusters
    reused = saved.exists()
    if reused: R, t, C = torch.load(saved).values()
    else:
        c = refine_classes(parts, torch.ones(n, dtype=torch.long), start, wedge, iterations=5, seed=0)
        R, t, C = c['R'], c['t'], c['refs'][0]
        torch.save(dict(R=R, t=t, C=C), saved)
    print(f"classes: 1 full, 2 mirror image, 3 minus x domain, 4 minus y domain; {n} particles at box {D}; "
          f"consensus alignment (5 iterations, started from {a.start or 'the true full structure'}) "
          f"{'read from ' + str(saved) if reused else f'{time.time() - t0:.0f} s'}", flush=True)
    lab, _, _ = difference_classes(parts, R, t, C, wedge, 4)
    print(f"1. difference_classes (8 principal components, full-covariance mixture): ARI {ari(y, lab):.3f}; "
          f"confusion (true rows × predicted) {confusion_matrix(y, lab)[:4].tolist()}")
    X = difference_features(parts, R, t, C, wedge)  # the same low-passed differences difference_classes clusters
    np.save(out / 'differences.npy', X)  # kept for further analysis
    sep = []
    for i, j in ((1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)):
        dm = X[y == i].mean(0) - X[y == j].mean(0)
        pi, pj = X[y == i] @ dm, X[y == j] @ dm
        sep.append(f"{i}–{j} {(pi.mean() - pj.mean()) / np.sqrt((pi.var() + pj.var()) / 2):.1f}")
    print("2. separation along the true mean difference, in SD: " + ', '.join(sep))
    for nc in (4, 8, 16):
        for name, cls in (('{1,4}', [1, 4]), ('{2}', [2]), ('{1,3,4}', [1, 3, 4])):
            idx = np.where(np.isin(y, cls))[0]
            Z = PCA(nc, random_state=0).fit_transform(X[idx]).astype(np.float64)
            reg = 1e-4 * Z.var()  # a few badly aligned particles can make a component nearly singular
            g2 = GaussianMixture(2, n_init=5, random_state=0, reg_covar=reg).fit(Z)
            S = (g2.covariances_ * g2.weights_[:, None, None]).sum(0); dm = g2.means_[0] - g2.means_[1]
            print(f"3. {name} alone, {nc} PCs: BIC gain {GaussianMixture(1, reg_covar=reg).fit(Z).bic(Z) - g2.bic(Z):.0f}, "
                  f"Mahalanobis {np.sqrt(dm @ np.linalg.solve(S, dm)):.2f}, split (true rows × 2) "
                  f"{[[int(((y[idx] == k) & (g2.predict(Z) == h)).sum()) for h in (0, 1)] for k in cls]}")
    for nc in (16, 32):
        for cov in ('full', 'diag'):
            Z = PCA(nc, random_state=0).fit_transform(X).astype(np.float64)  # float32 covariances can lose definiteness
            g = GaussianMixture(4, n_init=5, random_state=0, covariance_type=cov, reg_covar=1e-4 * Z.var())
            print(f"4. {nc} PCs, {cov} mixture: ARI {ari(y, g.fit_predict(Z)):.3f}")
    Z = PCA(8, random_state=0).fit_transform(X)
    print(f"4. 8 PCs: k-means ARI {ari(y, KMeans(4, n_init=20, random_state=0).fit_predict(Z)):.3f}, "
          f"spectral (10 neighbours) {ari(y, SpectralClustering(4, affinity='nearest_neighbors', n_neighbors=10, random_state=0).fit_predict(Z)):.3f}, "
          f"Ward {ari(y, AgglomerativeClustering(4).fit_predict(Z)):.3f}")
    for nc in (16, 24, 32, 48):  # whitened: every component weighs the same, so low-variance class differences count
        Zw = PCA(nc, random_state=0, whiten=True).fit_transform(X)
        sols = sorted(((km.inertia_, ari(y, km.labels_)) for km in
                       (KMeans(4, n_init=1, random_state=s).fit(Zw) for s in range(200))), key=lambda x: x[0])
        print(f"4. {nc} whitened PCs, k-means: ARI of the lowest-inertia solution of 200 starts {sols[0][1]:.3f} "
              f"(next four {' / '.join(f'{x[1]:.3f}' for x in sols[1:5])}; median over all starts {np.median([x[1] for x in sols]):.3f})")


if __name__ == '__main__':
    main()
