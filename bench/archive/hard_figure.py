"""A picture of the hard set's consensus classes beside the true structures.

    python bench/archive/hard_consensus_box.py --work /tmp/hdnet --boxes 48 --seeds 0   # the readout (WORK/analysis_box48_seed0)
    python bench/archive/hard_figure.py --analysis /tmp/hdnet/analysis_box48_seed0 --out bench/results/hard-classes.png

For each true structure (the benchmark's hard set: 4cr2, its mirror image, copies missing the x or the y domain),
the found class holding most of its particles is taken; its class average (`refined/class_NN.mrc`, in the consensus
frame) is rigidly aligned onto the true structure (`metrics.aligned_fsc`), and central xy, xz and yz slices of
both are drawn side by side, with how many of the structure's particles the class holds.
"""
import argparse, json
from pathlib import Path
import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--analysis', required=True, help='an infer --classes consensus analysis folder')
    p.add_argument('--out', required=True, help='PNG to write')
    a = p.parse_args()
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    import torch
    from cryomorph.benchmark import hard_templates
    from cryomorph.io import read_mrc, read_star
    from cryomorph.metrics import aligned_fsc
    from cryomorph.transforms import transform_volumes
    from cryomorph.viz import central_slice, save_figure
    an = Path(a.analysis)
    info = json.loads((an / 'analysis.json').read_text())
    star = Path(info['particles'])
    y = read_star(star)['particles']['rlnClassNumber'].to_numpy(int)
    found = read_star(an / 'classes.star')['particles']['rlnClassNumber'].to_numpy(int)
    names = hard_templates()[1]
    rows = []
    for c in sorted(set(y)):
        counts = np.bincount(found[y == c], minlength=found.max() + 1)
        f = int(counts.argmax())
        truth = torch.from_numpy(read_mrc(star.parent / 'templates' / f'class_{c:02d}.mrc')[0].copy()).float()
        avg = torch.from_numpy(read_mrc(an / 'refined' / f'class_{f:02d}.mrc')[0].copy()).float()
        if avg.shape != truth.shape: raise SystemExit(f"{an}: class averages are {tuple(avg.shape)}, the truth {tuple(truth.shape)}")
        fit = aligned_fsc(truth, avg)  # the average rigidly aligned onto the truth, and their FSC
        aligned, auc = transform_volumes(avg[None, None], fit['R'][None], fit['t'][None])[0, 0], fit['auc_fsc']
        rows.append((names[c - 1], truth.numpy(), f, aligned.numpy(), counts[f], (y == c).sum(), (found == f).sum(), auc))
    fig, axs = plt.subplots(len(rows), 6, figsize=(9, 1.6 * len(rows)), squeeze=False)
    for r, (name, tv, f, av, hit, n_true, n_found, auc) in enumerate(rows):
        for j, vol in enumerate((tv, av)):
            for i, axis in enumerate('zyx'):
                ax = axs[r, 3 * j + i]; ax.set_xticks([]); ax.set_yticks([])
                ax.imshow(central_slice(vol, axis), cmap='gray', origin='lower')
                if r == 0: ax.set_title(f"{'truth' if j == 0 else 'class average'} {['xy', 'xz', 'yz'][i]}", fontsize=8)
        axs[r, 0].set_ylabel(name.replace('_', ' '), fontsize=7)
        axs[r, 3].set_ylabel(f'class {f}: {hit}/{n_true}\n{n_found} in class\nAUC-FSC {auc:.2f}', fontsize=6.5)
    fig.suptitle(f"{an.name}: consensus classes at box {info.get('consensus_box')} (seed {info['seed']})", fontsize=9)
    fig.tight_layout()
    print(f"wrote {save_figure(fig, a.out)}")
    for name, _, f, _, hit, n_true, n_found, auc in rows:
        print(f"{name}: class {f} holds {hit} of its {n_true} particles ({n_found} in the class); aligned AUC-FSC {auc:.3f}")


if __name__ == '__main__':
    main()
