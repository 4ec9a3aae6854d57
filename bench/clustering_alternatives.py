"""Other clusterings of the same consensus differences, on validation runs: which keeps a spread-out variant whole?

    python bench/clustering_alternatives.py --work /tmp/rp --cache /tmp/vd --set val_variants_4v7r --seeds 0 1 2

For each trained run of an asymmetric variants set (`readout_protocol.py`), the consensus alignment that
`--classes consensus` makes (cached by `variants_symmetry.consensus_alignment`), its difference features
(`align.difference_features`, as the readout measures them), and then each clustering below on the same features:
  - readout: `align.cluster_differences` (what `cryomorph infer` does: a consensus of k-means partitions of whitened,
    clipped principal components);
  - mixture full / diag: a Gaussian mixture with a covariance per class (full, or diagonal) on the whitened components
    (as many as the readout clusters), ten starts, the best likelihood kept;
  - k-means 2K → K: k-means with twice the classes on the whitened components, then the centres merged into K by Ward
    linkage (each particle takes its centre's group);
  - 2K / 3K by averages → K: the readout's clustering into two or three times the classes, each class's average in
    the consensus frame, and the averages merged into K by their best correlation over rotations (`align.merge_classes`,
    as `--overcluster` merges the network's classes): sub-classes of one structure at different poses can join.
ARI against the true classes, and in brackets the accuracy (classes matched to true classes one to one).
Validation data only: what is chosen here is reported on test sets no choice has seen.
"""
import argparse, sys
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from variants_symmetry import consensus_alignment


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/rp')
    p.add_argument('--cache', default='/tmp/vd')
    p.add_argument('--set', default='val_variants_4v7r')
    p.add_argument('--seeds', type=int, nargs='+', default=[0])
    a = p.parse_args()
    torch.set_num_threads(1)
    from sklearn.decomposition import PCA
    from sklearn.mixture import GaussianMixture
    from sklearn.cluster import KMeans, AgglomerativeClustering
    from cryomorph.align import difference_features, cluster_differences, _component_counts, _class_averages, merge_classes
    from cryomorph.fourier import soft_sphere_mask
    from cryomorph.data import data_wedge_mask
    from cryomorph.io import read_star
    from cryomorph.metrics import ari, hungarian_match
    work = Path(a.work)
    y = read_star(work / 'data' / a.set / 'particles.star')['particles']['rlnClassNumber'].to_numpy()
    print('| run | readout | mixture full | mixture diag | k-means 2K → K | 2K by averages → K | 3K by averages → K |\n|---|---|---|---|---|---|---|')
    for s in a.seeds:
        run = work / 'runs' / f'{a.set}__seed{s}'
        c = consensus_alignment(run, Path(a.cache), a.set if s == 0 else f'{a.set}__seed{s}')
        R, t, C = (torch.from_numpy(c[k]).float() for k in ('R', 't', 'C'))
        parts = torch.from_numpy(np.load(run / 'stack_box48' / 'particles.npy'))
        wedge = data_wedge_mask(parts, max_particles=256)
        X = difference_features(parts, R, t, C, wedge, 0.5)
        nc = _component_counts(4, len(X), X.shape[1], None)[0]
        Z = PCA(nc, random_state=0, whiten=True).fit_transform(X)
        found = {'readout': cluster_differences(X, 4, seed=0)[0]}
        for cov in ('full', 'diag'):
            found[f'mixture {cov}'] = GaussianMixture(4, covariance_type=cov, n_init=10, random_state=0, reg_covar=1e-3).fit_predict(Z)
        km = KMeans(8, n_init=50, random_state=0).fit(Z)
        group = AgglomerativeClustering(4, linkage='ward').fit_predict(km.cluster_centers_)
        found['k-means 2K → K'] = group[km.labels_]
        for f in (2, 3):  # more classes, their averages in the consensus frame merged by their best match over rotations
            lab = torch.as_tensor(cluster_differences(X, 4 * f, seed=0)[0])
            refs = _class_averages(parts, lab, R, t, C[None].expand(4 * f, *C.shape), wedge, soft_sphere_mask(C.shape[-1]))
            groups = merge_classes(refs, 4, torch.bincount(lab - 1, minlength=4 * f), seed=0)[0].cpu()
            found[f'{f}K by averages → K'] = groups[lab - 1].numpy()

        def cell(lab):
            return f"{ari(y, lab):.3f} ({hungarian_match(y, lab)[0]:.3f})"
        print(f'| {run.name} | ' + ' | '.join(cell(np.asarray(found[k])) for k in found) + ' |', flush=True)


if __name__ == '__main__':
    main()
