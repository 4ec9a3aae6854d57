#!/usr/bin/env python
"""Peak memory of consensus classes of a symmetric complex: `align.difference_classes` with S copies of every pose,
all rows at once (particles × copies differences in memory) against streamed (the PCA fitted on `fit_rows` of them,
then each copy projected 2,048 particles at a time), at growing numbers of particles.

    python bench/copies_memory.py --sizes 600 1200 2400 --copies 8 --fit-rows 4000

Each measurement runs in a fresh process: N noisy particles (box 48, 30° wedge; random shapes, since memory, not
classes, is measured), random poses, S rotations about the z axis as the copies, k = 4. Prints, per size and way,
the process's peak resident memory (RSS, from /proc: VmHWM, reset just before the call) and the seconds of `difference_classes`; as the last line the growth
of the peak from the smallest to the largest size, for both ways. The difference maps are 24³ (low-pass 0.5 of
Nyquist at box 48): one row is 55 kB, so all rows at once need about N · S · 55 kB, and scikit-learn's PCA copies
them once more to centre them.
"""
import argparse, json, math, os, subprocess, sys, time


def status_gb(field: str) -> float:
    "A memory field of /proc/self/status (VmRSS: now; VmHWM: the peak since the last reset), GB."
    line = next(l for l in open('/proc/self/status') if l.startswith(field + ':'))
    return int(line.split()[1]) / 2 ** 20


def one(n: int, copies: int, fit_rows: int) -> dict:
    import torch
    from cryomorph.align import difference_classes
    from cryomorph.fourier import apply_fourier_filter, missing_wedge_mask
    from cryomorph.transforms import random_rotations, axis_angle_to_matrix
    torch.set_num_threads(1)
    D, g = 48, torch.Generator().manual_seed(0)
    wedge = missing_wedge_mask(D, 30.)
    parts = torch.empty(n, D, D, D)
    for b in range(0, n, 256): parts[b:b + 256] = apply_fourier_filter(torch.randn(min(256, n - b), D, D, D, generator=g), wedge)
    ref = torch.randn(D, D, D, generator=g)
    R, t = random_rotations(n, seed=1), torch.zeros(n, 3)
    turn = torch.tensor([0., 0., 2 * math.pi / copies])
    gs = torch.stack([axis_angle_to_matrix(turn * j) for j in range(copies)])
    with open('/proc/self/clear_refs', 'w') as f: f.write('5')  # the peak (VmHWM) starts again from now
    base = status_gb('VmRSS')
    s = time.perf_counter()
    labels = difference_classes(parts, R, t, ref, wedge, 4, copies=gs, fit_rows=fit_rows, n_init=5)[0]
    return dict(n=n, copies=copies, fit_rows=fit_rows, seconds=round(time.perf_counter() - s, 1),
                peak_gb=round(status_gb('VmHWM'), 2),
                before_gb=round(base, 2), classes=len(set(labels.tolist())))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--sizes', type=int, nargs='+', default=[600, 1200, 2400])
    p.add_argument('--copies', type=int, default=8)
    p.add_argument('--fit-rows', type=int, default=4000, help='the streamed way: PCA fitted on this many rows')
    p.add_argument('--one', help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.one:
        print(json.dumps(one(**json.loads(a.one)))); return
    rows = []
    for n in a.sizes:
        for label, fit in (('all at once', 10 ** 9), ('streamed', a.fit_rows)):
            r = subprocess.run([sys.executable, __file__, '--one', json.dumps(dict(n=n, copies=a.copies, fit_rows=fit))],
                               capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS='1'))
            if r.returncode: sys.exit(r.stderr[-3000:])
            row = dict(json.loads(r.stdout.strip().splitlines()[-1]), way=label); rows.append(row)
            print(f"{n:>6} particles × {a.copies} copies, {label:>11}: peak RSS {row['peak_gb']:.2f} GB "
                  f"(before the call {row['before_gb']:.2f} GB), {row['seconds']:.0f} s", flush=True)
    for label in ('all at once', 'streamed'):
        r = [x for x in rows if x['way'] == label]
        own = [x['peak_gb'] - x['before_gb'] for x in r]  # the call's own peak
        grow = own[-1] / max(own[0], 1e-9)
        print(f"{label}: the call's own peak grows {grow:.2f} times from {r[0]['n']:,} to {r[-1]['n']:,} particles")


if __name__ == '__main__':
    main()
