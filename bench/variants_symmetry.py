"""Why consensus classes fail on some variants sets: is it the clustering, or the alignment to the consensus?

    python bench/variants_symmetry.py --work /tmp/rp --bench /tmp/b25 --cache /tmp/vd

For each variants set of `readout_protocol.py` (and the benchmark's hard set), on its trained run (training seed 0, or --seeds):
  1. the consensus alignment that `--classes consensus` makes (exhaustive search, box 24 then 48; cached in CACHE as
     NAME_cons.npz, since it takes 15-20 minutes per set on one core), then `align.difference_classes` on it: the
     readout's ARI;
  2. the same clustering on the simulator's true poses and the consensus built from them: what the clustering can do
     when every particle is in one frame;
  3. how right the consensus poses are: the share of each true class whose pose places the true structure with a
     correlation above 0.8 (`pose_accuracy.placement_cc`, blind to symmetry), and the share at the class's most common
     relative pose (true pose⁻¹ · found pose within 20°: one frame);
  4. the consensus's own near-symmetries (`align.near_symmetry`): its best correlations with rotated copies of
     itself at peaks more than 25° from the identity (box 24), with their angles;
  5. what the readout does now with the same alignment: `align.symmetry_copies` (at `readout.NEAR_SYMMETRY_AT`; beside
     it the group the rule before 2026-12-07 found: the best peak at the threshold, each turn at its nearest order,
     the copies turned about the centroid), and
     if the consensus is symmetric each particle's difference measured at every copy of its pose, the clustering
     picking the copy (`difference_classes(copies=...)`): the group's order and the ARI.
  6. whether what that clustering sees (the whitened principal components of the differences, each particle at its
     copy) holds the variants apart at all: the 5-fold accuracy of a logistic regression fitted on the true labels.
     High there and a low ARI: the clustering misses a partition that is present; low: the poses or the features lose it.
A structure placed right (3, first share) but in many frames (3, second share) has near-symmetric copies the
alignment cannot tell apart; a domain missing from one copy then lands at different places of the consensus.
"""
import argparse, sys, time
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from pose_accuracy import placement_cc


def consensus_alignment(run: Path, cache: Path, name: str) -> dict:
    "The consensus readout's alignment and classes of a run (computed once, then read from CACHE/NAME_cons.npz)."
    f = cache / f'{name}_cons.npz'
    if not f.exists():
        from cryomorph.infer import infer, class_templates
        from cryomorph.align import consensus_classes
        from cryomorph.data import data_wedge_mask
        an = infer(run, 4, seed=0, progress=False)
        with torch.no_grad(): start = class_templates(an, np.ones(len(an.labels), int), 1)[2][0]
        parts = an.run.stack_array('cpu')
        from cryomorph.data import preprocess  # the box-48 stack the readout keeps beside the run
        path = preprocess(an.particles, run / 'stack_box48', 48, an.run.config['stack']['lowpass_A'], progress=False)
        fine = torch.from_numpy(np.load(path, mmap_mode='r'))
        t0 = time.time()
        c = consensus_classes(parts, start, data_wedge_mask(parts, max_particles=256), 4, seed=0, fine_parts=fine, search='exhaustive')
        print(f'{name}: consensus alignment {time.time() - t0:.0f} s', flush=True)
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(f, R=c['R'].numpy(), t=c['t'].numpy(), C=c['consensus'].numpy(), labels=c['labels'].numpy())
    return dict(np.load(f))


def nearest_order_group(C, found) -> torch.Tensor:
    """The group `symmetry_copies` built before 2026-12-07's changes: only when the best peak reached the threshold, each
    turn at its nearest order, every copy's fit measured turned about the centroid."""
    from cryomorph.align import point_group, near_symmetry, _copies_fit, _angle_deg
    from cryomorph.fourier import fourier_crop, soft_sphere_mask
    from cryomorph.readout import NEAR_SYMMETRY_AT
    s, R = near_symmetry(C, box=24, peaks=6, seed=0)
    if not (len(s) and float(s[0]) >= NEAR_SYMMETRY_AT): return torch.eye(3)[None]  # then: the best peak decided
    v = fourier_crop(C.float(), 24) * soft_sphere_mask(24)
    w = v.clamp(min=0)  # the copies turned about the centroid of the positive density, as then
    zyx = torch.meshgrid(*[torch.arange(24, dtype=torch.float32) - 12] * 3, indexing='ij')
    centre = torch.stack([(w * zyx[a]).sum() / w.sum().clamp(min=1e-12) for a in (2, 1, 0)])
    group, gens = torch.eye(3)[None], []
    for r in R[s >= 0.5]:
        if min(_angle_deg(r, g) for g in group) < 12: continue
        bigger = point_group(torch.stack(gens + [r]))
        if len(bigger) > len(group) and _copies_fit(v, bigger, centre).min() >= NEAR_SYMMETRY_AT: gens, group = gens + [r], bigger
    return group


def plot(table: Path, out: Path):
    "Bars per set: consensus classes in one frame, at each particle's copy, and the same clustering on the true poses."
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    rows = [[c.strip() for c in l.strip().strip('|').split('|')] for l in table.read_text().splitlines()
            if l.startswith('| ') and not l.startswith('| set')]
    names = [r[0].replace(' (', '\n(') for r in rows]
    x = np.arange(len(rows))
    fig, ax = plt.subplots(figsize=(9, 3.8))
    for i, (col, label, colour) in enumerate([(1, 'every particle in the consensus frame', '#bbbbbb'),
                                              (7, "each particle at its symmetric copy (the readout now)", '#1f77b4')]):
        ax.bar(x + (i - 0.5) * 0.38, [float(r[col]) for r in rows], 0.38, label=label, color=colour)
    ax.plot(x, [float(r[2]) for r in rows], 'k_', markersize=22, mew=2, label='the same clustering on the true poses')
    ax.set_xticks(x, names, fontsize=7.5); ax.set_ylabel('ARI'); ax.set_ylim(-0.05, 1.3); ax.set_yticks(np.arange(0, 1.01, 0.2)); ax.axhline(0, color='k', lw=0.5)
    ax.set_title('Consensus classes of variants, one alignment per set (600 particles, SNR 0.1, 30° wedge)', fontsize=10)
    ax.legend(fontsize=7.5, loc='upper center', ncol=3, frameon=False)
    fig.tight_layout(); fig.savefig(out, dpi=110); print(f'plot: {out}')


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/rp', help='readout_protocol.py data folder')
    p.add_argument('--bench', help='a benchmark folder: its hard set joins')
    p.add_argument('--cache', default='/tmp/vd', help='where consensus alignments are kept')
    p.add_argument('--only', nargs='*')
    p.add_argument('--seeds', type=int, nargs='+', default=[0], help='training seeds (runs NAME__seedS)')
    p.add_argument('--plot', help='draw the ARI columns of a results table (--table) into this PNG, and stop')
    p.add_argument('--table', help="a results file this script's table was written into")
    a = p.parse_args()
    if a.plot: return plot(Path(a.table), Path(a.plot))
    from cryomorph.io import read_star, read_mrc
    from cryomorph.transforms import relion_pose_to_transform
    from cryomorph.align import difference_classes, wedge_average, near_symmetry, symmetry_copies, copy_poses
    from cryomorph.readout import NEAR_SYMMETRY_AT
    from cryomorph.transforms import matrix_to_axis_angle
    from cryomorph.fourier import fourier_crop, soft_sphere_mask
    from cryomorph.data import data_wedge_mask
    from cryomorph.metrics import ari, align_volumes
    from cryomorph.run import open_run
    from readout_protocol import VAL, TEST
    torch.set_num_threads(1)
    work, cache = Path(a.work), Path(a.cache)
    sets = [(n if s == 0 else f'{n}__seed{s}', work / 'runs' / f'{n}__seed{s}', work / 'data' / n / 'particles.star')
            for n, spec in {**VAL, **TEST}.items() if spec[0] in ('variants', 'symmetric') for s in a.seeds]
    if a.bench:
        b = Path(a.bench)
        sets.insert(0, ('hard_snr0.1_mwa30', b / 'runs' / 'hard_snr0.1_mwa30__mcl__seed0', b / 'data' / 'hard_snr0.1_mwa30' / 'particles.star'))
    print('| set | consensus classes, one frame | same clustering, true poses | placed right (per true class) | at the most common frame '
          '| consensus self-similarity (best 3) | symmetric copies, before (best peak, nearest order, centroid) | symmetric copies | consensus classes, each at its copy | at the most common frame, picked copies '
          '| what was clustered, told apart by a linear classifier on the true labels (5-fold accuracy) |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for name, run, star in sets:
        if a.only and name.split('__')[0] not in a.only: continue
        if not (run / 'checkpoints' / 'last.pt').exists(): continue
        tr = read_star(star)['particles']; y = tr['rlnClassNumber'].to_numpy()
        c = consensus_alignment(run, cache, name)
        R, t, C = (torch.from_numpy(c[k]).float() for k in ('R', 't', 'C'))
        parts = torch.from_numpy(np.ascontiguousarray(np.load(run / 'stack_box48' / 'particles.npy', mmap_mode='r')))
        wedge = data_wedge_mask(parts, max_particles=256)
        ps = open_run(run).particle_set()
        apix = ps.apix * ps.box / parts.shape[-1]  # the true shifts in voxels of this box
        Rt, tt = relion_pose_to_transform(torch.tensor(tr[['rlnAngleRot', 'rlnAngleTilt', 'rlnAnglePsi']].to_numpy()).float(),
                                          torch.tensor(tr[['rlnOriginXAngst', 'rlnOriginYAngst', 'rlnOriginZAngst']].to_numpy()).float(), apix)
        Ct = wedge_average(parts, Rt, tt, wedge) * soft_sphere_mask(parts.shape[-1])
        true_ari = ari(y, difference_classes(parts, Rt, tt, Ct, wedge, 4, 0.5, seed=0)[0])
        B = 24; mask = soft_sphere_mask(B); Cs = fourier_crop(C, B)
        def one_frame(Rf, idx):  # the share of these particles at their most common relative pose (within 20°)
            Q = Rt[idx].transpose(1, 2).double() @ Rf[idx].double()
            ang = torch.rad2deg(torch.acos(((torch.einsum('iab,jab->ij', Q, Q) - 1) / 2).clamp(-1, 1)))
            return float((ang < 20).sum(1).max()) / len(idx)
        right, frame = [], []
        for k in sorted(set(y)):
            ref = fourier_crop(torch.from_numpy(read_mrc(star.parent / 'templates' / f'class_{k:02d}.mrc')[0].copy()), B)
            _, G, _, _ = align_volumes(ref, Cs)
            idx = np.where(y == k)[0]
            right.append(float((placement_cc(ref * mask, R[idx], Rt[idx], G, mask) > 0.8).float().mean()))
            frame.append(one_frame(R, idx))
        sim, Rs = near_symmetry(C)
        sym = [f'{v:.2f} ({float(matrix_to_axis_angle(r).norm().rad2deg()):.0f}°)' for v, r in zip(sim.tolist(), Rs)]
        found = symmetry_copies(C, NEAR_SYMMETRY_AT)
        nearest = len(nearest_order_group(C, found))
        now, _, Z, copy = difference_classes(parts, R, t, C, wedge, 4, 0.5, copies=found['group'], centre=found['centre'], seed=0)
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_score  # could a line tell the variants apart in what was clustered?
        separable = float(cross_val_score(LogisticRegression(max_iter=2000), Z, y, cv=5).mean())
        Rp = copy_poses(R, t, found['group'][torch.as_tensor(copy)], found['centre'])[0]
        picked = [one_frame(Rp, np.where(y == k)[0]) for k in sorted(set(y))]
        print(f"| {name} | {ari(y, c['labels']):.3f} | {true_ari:.3f} | {', '.join(f'{v:.2f}' for v in right)} | "
              f"{', '.join(f'{v:.2f}' for v in frame)} | {', '.join(sym) or 'none'} | {nearest} | {len(found['group'])} | {ari(y, now):.3f} | "
              f"{', '.join(f'{v:.2f}' for v in picked)} | {separable:.3f} |", flush=True)


if __name__ == '__main__':
    main()
