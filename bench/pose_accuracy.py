"""How right are the poses an analysis wrote? Measured against a simulation's true poses.

    python bench/pose_accuracy.py RUN/analysis_k4 --truth SIM/particles.star

For each class (matched to its true structure by majority), the class's map is aligned onto the true
structure once (`metrics.align_volumes`), which fixes the one global rotation G between the two frames.
Then for each particle, the true structure is placed at the predicted pose (through G) and at the true
pose, and the two placements are correlated inside the mask. This is blind to the structure's symmetry
(a pose that differs from the truth by a symmetry operation places the same density), which a plain angle
error is not: two of the bundled structures are (pseudo-)symmetric. A placement correlation above 0.8 is
counted as a right pose. Both the network's poses (`R`, `t` in embedding.npz) and, when the analysis was made
with `--refine`, the aligned ones (`R_refined`) are scored, each against the map it belongs to.
"""
import argparse, json
from pathlib import Path
import numpy as np
import torch


def placement_cc(truth_map, R_pred, R_true, G, mask):
    "Correlation of the true map placed at R_pred·Gᵀ and at R_true, per particle."
    from cryomorph.transforms import transform_volumes
    n, D = len(R_pred), truth_map.shape[-1]
    v = truth_map[None, None].expand(n, 1, D, D, D)
    a = transform_volumes(v, R_pred @ G.T)[:, 0] * mask
    b = transform_volumes(v, R_true)[:, 0] * mask
    return torch.nn.functional.cosine_similarity(a.flatten(1), b.flatten(1))


def right_poses(analysis, truth, per_class: int = 150, log=print) -> dict:
    "The share of right poses (placement correlation > 0.8) per pose set of an analysis: {'network': f, 'refined': f}."
    from cryomorph.io import read_star, read_mrc
    from cryomorph.transforms import relion_pose_to_transform
    from cryomorph.fourier import fourier_crop, soft_sphere_mask
    from cryomorph.metrics import align_volumes
    an, truth = Path(analysis), Path(truth)
    e = np.load(an / 'embedding.npz')
    info = json.loads((an / 'analysis.json').read_text())
    tr = read_star(truth)['particles']
    y, lab = tr['rlnClassNumber'].to_numpy(), e['labels']
    run_cfg = json.loads((Path(info['run']) / 'particles.json').read_text())
    box = run_cfg['box']
    R_true, _ = relion_pose_to_transform(torch.tensor(tr[['rlnAngleRot', 'rlnAngleTilt', 'rlnAnglePsi']].to_numpy()).float(),
                                         torch.zeros(len(tr), 3), 1.)
    mask = soft_sphere_mask(box)
    sets = [('network', 'R', 'templates')] + ([('refined', 'R_refined', 'refined')] if 'R_refined' in e.files else [])
    log(f"{an}: poses against the truth (placement correlation of the true structure; > 0.8 counts as right)")
    summary = {}
    for name, key, folder in sets:
        R = torch.as_tensor(e[key]).float()
        rights = []
        for c in sorted(set(lab.tolist())):
            m = np.where(lab == c)[0]
            tc = int(np.bincount(y[m]).argmax())
            ref = fourier_crop(torch.from_numpy(read_mrc(truth.parent / 'templates' / f'class_{tc:02d}.mrc')[0].copy()), box)
            mp = fourier_crop(torch.from_numpy(read_mrc(an / folder / f'class_{c:02d}.mrc')[0].copy()), box)
            _, G, _, _ = align_volumes(ref, mp)
            idx = m[y[m] == tc][:per_class]  # the particles that really are this structure
            cc = placement_cc(ref * mask, R[idx], R_true[idx], G, mask)
            rights.append(float((cc > 0.8).float().mean()))
            log(f"  {name:8s} class {c} (true {tc}, {len(idx)} scored): median correlation {cc.median():.3f}, right {rights[-1]:.2f}")
        summary[name] = float(np.mean(rights))
    return summary


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('analysis')
    p.add_argument('--truth', required=True, help='the simulated particles.star (true classes and poses), templates/ beside it')
    p.add_argument('--per-class', type=int, default=150, help='particles scored per class (default 150)')
    a = p.parse_args()
    torch.set_num_threads(2)
    summary = right_poses(a.analysis, a.truth, a.per_class)
    print('mean share of right poses: ' + ', '.join(f"{k} {v:.2f}" for k, v in summary.items()))


if __name__ == '__main__':
    main()
