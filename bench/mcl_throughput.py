#!/usr/bin/env python
"""Training throughput and peak memory of Harmony, naive MCL and fast MCL, in one run.

    python bench/mcl_throughput.py                     # box 32 and 48, N = 96, batch 8
    python bench/mcl_throughput.py --boxes 32 --n 32 --steps 5 --naive-steps 2

One full training step each (forward of particle + in-plane partner, pair loss, backward, Adam step) on
random standardised volumes, with the `cpu` preset's network (widths 16/32/64/128, hidden 256, z 16):
- harmony: no candidates (the paper's Harmony3D ablation, loss in the input frame);
- naive:   all N candidates in the autograd graph;
- fast:    winner chosen under no_grad at full resolution, only the winner recomputed;
- fast-half: winner chosen at half the box, recomputed at full resolution.
Each configuration runs in its own subprocess so that its peak memory (peak RSS on CPU,
torch.cuda.max_memory_allocated on a GPU) is its own; the RSS of the same process before the first step
is printed too. Particles/s counts particles (each with its partner). The last line is
`fast/naive speedup: X.XX` at the largest box, for the fast path as the presets can use it (winner chosen at
half resolution); the line before gives the exact full-resolution variant.
"""
import argparse, json, math, resource, subprocess, sys, time


def one(mode: str, box: int, n: int, batch: int, steps: int, threads: int | None):
    import torch
    if threads: torch.set_num_threads(threads)
    from cryomorph.model import DisentanglingNet
    from cryomorph.losses import pair_loss, sample_candidates
    from cryomorph.data import inplane_partner
    from cryomorph.fourier import soft_sphere_mask
    dev = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    torch.manual_seed(0)
    net = DisentanglingNet(box, (16, 32, 64, 128), 256, 16).to(dev)
    opt = torch.optim.Adam(net.parameters(), 1e-4)
    mask = soft_sphere_mask(box, device=dev)
    x = torch.randn(batch, 1, box, box, box, device=dev) * mask
    g = torch.Generator().manual_seed(0)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def step():
        x2, Rz, _ = inplane_partner(x, g)
        cand = None if mode == 'harmony' else sample_candidates(2 * batch, n, math.radians(30), 2., generator=g, device=dev)
        L = pair_loss(x, x2, Rz, net(torch.cat([x, x2]), noise=True), mask, cand, fast=mode != 'naive',
                      select_box=box // 2 if mode == 'fast-half' else None)
        opt.zero_grad(); L['loss'].backward(); opt.step()
        return L['loss'].item()

    step()  # warm-up
    if dev.type == 'cuda': torch.cuda.synchronize(); torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    for _ in range(steps): step()
    if dev.type == 'cuda': torch.cuda.synchronize()
    secs = time.perf_counter() - t0
    peak = (torch.cuda.max_memory_allocated() / 2 ** 20 if dev.type == 'cuda'
            else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(dict(mode=mode, box=box, n=n, batch=batch, steps=steps, seconds=secs,
                          particles_per_s=batch * steps / secs, peak_mb=peak, rss_before_mb=rss0, device=dev.type)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--boxes', type=int, nargs='+', default=[32, 48])
    p.add_argument('--n', type=int, default=96, help='candidates per particle (identity included)')
    p.add_argument('--batch', type=int, default=8)
    p.add_argument('--steps', type=int, default=4, help='timed steps (harmony, fast)')
    p.add_argument('--naive-steps', type=int, default=2, help='timed steps for the naive path')
    p.add_argument('--threads', type=int, default=None)
    p.add_argument('--modes', nargs='+', default=['harmony', 'naive', 'fast', 'fast-half'])
    p.add_argument('--grid-only', action='store_true', help='time F.affine_grid against losses.affine_grids and stop')
    p.add_argument('--_one', nargs=2, metavar=('MODE', 'BOX'), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a._one:
        mode, box = a._one[0], int(a._one[1])
        return one(mode, box, a.n, a.batch, a.naive_steps if mode == 'naive' else a.steps, a.threads)
    import torch
    if a.grid_only:
        from cryomorph.losses import affine_grids
        import torch.nn.functional as F
        for box in a.boxes:
            th = torch.randn(2 * a.batch * a.n // 4, 3, 4)  # one chunk of candidates
            for name, f in (('F.affine_grid', lambda: F.affine_grid(th, [len(th), 1, box, box, box], align_corners=False)),
                            ('affine_grids', lambda: affine_grids(th, (box, box, box)))):
                f(); t0 = time.perf_counter()
                for _ in range(3): f()
                print(f"box {box}: {name:14s} {len(th)} grids: {(time.perf_counter() - t0) / 3:.3f} s", flush=True)
        return
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{'CUDA ' + torch.cuda.get_device_name() if torch.cuda.is_available() else 'CPU'}; N = {a.n}, batch {a.batch}", flush=True)
    print(f"{'box':>4} {'mode':>10} {'steps':>5} {'particles/s':>12} {'peak MB':>9} {'(RSS before)':>12}", flush=True)
    res = {}
    for box in a.boxes:
        for mode in a.modes:
            cmd = [sys.executable, __file__, '--_one', mode, str(box), '--n', str(a.n), '--batch', str(a.batch),
                   '--steps', str(a.steps), '--naive-steps', str(a.naive_steps)] + (['--threads', str(a.threads)] if a.threads else [])
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode:
                print(f"{box:>4} {mode:>10} failed: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}", flush=True)
                continue
            d = json.loads(r.stdout.strip().splitlines()[-1])
            res[box, mode] = d
            print(f"{box:>4} {mode:>10} {d['steps']:>5} {d['particles_per_s']:>12.2f} {d['peak_mb']:>9.0f} {d['rss_before_mb']:>12.0f}", flush=True)
    for box in a.boxes:
        if (box, 'fast') in res and (box, 'naive') in res and (box, 'fast-half') in res:
            print(f"box {box}: fast/naive {res[box, 'fast']['particles_per_s'] / res[box, 'naive']['particles_per_s']:.2f}, "
                  f"fast-half/naive {res[box, 'fast-half']['particles_per_s'] / res[box, 'naive']['particles_per_s']:.2f}, "
                  f"harmony/fast {res[box, 'harmony']['particles_per_s'] / res[box, 'fast']['particles_per_s']:.2f}")
    naive_boxes = [b for b, m in res if m == 'naive']
    if naive_boxes:
        big = max(naive_boxes)
        if (big, 'fast') in res:
            print(f"fast (winner at full resolution, exact) / naive at box {big}: "
                  f"{res[big, 'fast']['particles_per_s'] / res[big, 'naive']['particles_per_s']:.2f}")
        best = 'fast-half' if (big, 'fast-half') in res else 'fast'
        if (big, best) in res:
            print(f"fast/naive speedup: {res[big, best]['particles_per_s'] / res[big, 'naive']['particles_per_s']:.2f}")

if __name__ == '__main__': main()
