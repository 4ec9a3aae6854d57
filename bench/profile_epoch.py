#!/usr/bin/env python
"""Where an epoch's time goes: preprocessing, data loading, forward, the loss (MCL winner search included),
backward and the optimiser step, in seconds and particles/s per stage.

    python bench/profile_epoch.py                                   # cpu preset, 600 simulated particles
    python bench/profile_epoch.py --star particles.star --set box=48 --set mcl_n=96 --epochs 1

Uses the stage markers of the training loop (`cryomorph.train.stage`, which synchronises CUDA before
reading the clock, so GPU work is charged to the stage that launched it). `loss` is the whole loss: the
winner search under no_grad, the winner's recomputation and the other terms; the search is not timed apart.
"""
import argparse, json, tempfile, time
from pathlib import Path


def parse_value(v: str):
    try: return json.loads(v)
    except json.JSONDecodeError: return v


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--star', help='a particle STAR file (default: simulate 4 x 150 at SNR 0.1, MWA 30)')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--preset', default='cpu')
    p.add_argument('--set', action='append', default=[], help='key=value override of the preset (JSON values)')
    p.add_argument('--out', default=None)
    a = p.parse_args()
    import torch
    import cryomorph.train as T  # the stage timer: cryomorph.train.stage accumulates into cryomorph.train.STAGE_TIMES
    from cryomorph.train import train
    from cryomorph.data import preprocess
    from cryomorph.io import ParticleSet
    out = Path(a.out or tempfile.mkdtemp(prefix='cryomorph_profile_'))
    star = a.star
    if star is None:
        from cryomorph.simulate import simulate
        star = simulate(out / 'sim', n_per_class=150, snr=0.1, mwa_deg=30, seed=0, progress=False)
    cfg = dict(preset=a.preset, epochs=a.epochs, **{k: parse_value(v) for k, v in (s.split('=', 1) for s in a.set)})
    from cryomorph.run import make_config
    full = make_config(**cfg)
    n = len(ParticleSet.from_star(star, validate=False))
    t0 = time.time()
    preprocess(star, out / 'run', full['box'], full['lowpass_A'], progress=False)
    pre = time.time() - t0
    T.STAGE_TIMES = {}
    t0 = time.time()
    train(star, out / 'run', cfg, progress=False)
    total = time.time() - t0
    st = T.STAGE_TIMES
    seen = n * a.epochs
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{'CUDA' if torch.cuda.is_available() else 'CPU'}; {n} particles, {a.epochs} epochs, box {full['box']}, "
          f"N = {full['mcl_n'] if full['mcl'] else 0}, winner box {full['select_box'] or full['box']}")
    print(f"preprocess: {pre:.1f} s ({n / pre:.0f} particles/s)")
    rows = [('data', st.get('data', 0)), ('partner + candidates', st.get('partner', 0)), ('forward', st.get('forward', 0)),
            ('loss (winner search included)', st.get('loss', 0)), ('backward', st.get('backward', 0)), ('optimiser step', st.get('step', 0))]
    timed = sum(v for _, v in rows)
    rows.append(('outside the stages (checkpoint, log)', total - timed))
    print(f"{'stage':38s} {'seconds':>8} {'share':>6} {'particles/s':>12}")
    for name, v in rows:
        print(f"{name:38s} {v:8.2f} {v / total:6.1%} {seen / v if v > 0 else float('inf'):12.1f}")
    print(f"{'training, all stages':38s} {total:8.2f} {1:6.1%} {seen / total:12.1f}")


if __name__ == '__main__': main()
