"""The pose search's two inner steps, as the search does them now and as it did them before, side by side in one run.

Now: `transforms.rotate_volumes` (only the voxels a masked template can reach, one sampling grid made by one matrix
product, one `grid_sample` per template) and `align._window_correlation` (the inverse FFT at the shifts searched only).
Before: a copy of the template per rotation, `F.affine_grid` + `grid_sample` over the whole box (what
`transform_volumes` did), and the whole inverse FFT, then the window. The whole `local_search` and `global_search` are timed with each pair
(the same loop; the two steps swapped in), and their answers compared.

    python bench/rotate_volumes.py [--threads 1] [--particles 600 100]
"""
import argparse, platform, time
from contextlib import contextmanager

import torch
import torch.nn.functional as F

import cryomorph.align as align
from cryomorph.fourier import soft_sphere_mask, missing_wedge_mask, apply_fourier_filter
from cryomorph.simulate import load_templates
from cryomorph.transforms import transform_volumes, rotate_volumes, random_rotations, axis_angle_to_matrix, _affine_theta


def rotate_before(vol, R, which=None):
    "The rotation as the search did it before: a copy of the template per rotation, `affine_grid` over the whole box."
    v = vol[0 if which is None else which]
    v = v[None].expand(len(R), *vol.shape[1:]) if which is None else v
    D = vol.shape[-1]
    theta = _affine_theta(R.float(), None, (D, D, D))
    grid = F.affine_grid(theta, [len(R), 1, D, D, D], align_corners=False)
    return F.grid_sample(v.float().reshape(len(R), 1, D, D, D), grid, align_corners=False)[:, 0]


def window_before(X, shifts):
    "The shifts as the search scored them before: the whole inverse FFT, then the window."
    D = X.shape[-3]
    cc = torch.fft.irfftn(X, s=(D, D, D), dim=(-3, -2, -1))
    i = shifts % D
    return cc[..., i, :, :][..., :, i, :][..., :, :, i]


@contextmanager
def before():
    "Swap the two steps of `align` for the earlier ones."
    keep = align.rotate_volumes, align._window_correlation
    align.rotate_volumes, align._window_correlation = rotate_before, window_before
    try: yield
    finally: align.rotate_volumes, align._window_correlation = keep


def timed(f, repeat=1):
    f()  # warm-up
    t = time.perf_counter()
    for _ in range(repeat): out = f()
    return (time.perf_counter() - t) / repeat, out


def particles(D, n, seed=0):
    "n copies of a bundled template at box D, turned and shifted at random, through a 30° wedge, at SNR 0.1."
    T, names = load_templates(box=D, apix=7.5 * 48 / D)
    ref = T[0].float()
    ref = ref / ref.std() * soft_sphere_mask(D)
    g = torch.Generator().manual_seed(seed)
    R = random_rotations(n, seed=seed)
    t = torch.randint(-2, 3, (n, 3), generator=g).float()
    w = missing_wedge_mask(D, 30.)
    p = apply_fourier_filter(transform_volumes(ref[None, None].expand(n, 1, D, D, D), R, t)[:, 0], w)
    p = p + torch.randn(p.shape, generator=g) * p.std() / 0.1 ** 0.5
    return ref, p, w, R


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--particles', type=int, nargs=2, default=[600, 100], help='particles at box 24 and at box 48')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    print(f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, {a.threads} thread(s)")
    print("| step | box | work | before s | now s | speedup | largest difference |")
    print("|---|---|---|---|---|---|---|")
    for D, n in ((24, a.particles[0]), (48, a.particles[1])):
        ref, parts, w, Rtrue = particles(D, n)
        mref = ref[None]
        B = 2 ** 23 // D ** 3  # one chunk of the local search's rotations
        R = random_rotations(B, seed=1)
        tb, vb = timed(lambda: rotate_before(mref, R), 3)
        tn, vn = timed(lambda: rotate_volumes(mref, R), 3)
        print(f"| rotate one template | {D} | {B} rotations | {tb:.3f} | {tn:.3f} | {tb / tn:.2f} | {float((vb - vn).abs().max()):.1e} of {float(vb.abs().max()):.1f} |")
        X = torch.fft.rfftn(parts[torch.arange(B) % n], dim=(-3, -2, -1)) * torch.fft.rfftn(vn, dim=(-3, -2, -1)).conj()
        sh = align._shifts(D, 2)
        tb, cb = timed(lambda: window_before(X, sh), 3)
        tn, cn = timed(lambda: align._window_correlation(X, sh), 3)
        print(f"| shifts ±2 | {D} | {B} pairs | {tb:.3f} | {tn:.3f} | {tb / tn:.2f} | {float((cb - cn).abs().max()):.1e} of {float(cb.abs().max()):.1f} |")
        # the exhaustive search's local search: the 8 best global orientations (here: the truth turned 10-20°), then 2 rounds of 24
        g = torch.Generator().manual_seed(2)
        starts = axis_angle_to_matrix((torch.rand(n, 8, 3, generator=g) * 2 - 1) * 0.3) @ Rtrue[:, None]
        run = lambda: align.local_search(parts, ref, starts, w, rounds=2, n_perturb=24)
        with before(): tb, (Rb, tb_, sb) = timed(run)
        tn, (Rn, tn_, sn) = timed(run)
        same = (tb_ == tn_).all(1).float().mean()
        print(f"| local search (8 starts, 2 rounds of 24) | {D} | {n} particles | {tb:.2f} | {tn:.2f} | {tb / tn:.2f} | "
              f"score {float((sb - sn).abs().max()):.1e}; same shift for {float(same):.1%} |")
        run = lambda: align.global_search(parts, ref[None], w, n_rotations=1152)
        with before(): tb, (gb, _) = timed(run)
        tn, (gn, _) = timed(run)
        print(f"| global search (1,152 orientations) | {D} | {n} particles | {tb:.2f} | {tn:.2f} | {tb / tn:.2f} | score {float((gb - gn).abs().max()):.1e} |")


if __name__ == '__main__':
    main()
