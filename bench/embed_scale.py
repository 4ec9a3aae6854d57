#!/usr/bin/env python
"""Peak RAM and time of inference on a thylakoid-sized set: 55,000 particles at box 48.

    python bench/embed_scale.py                          # 55,000 particles, paper-size network, one pass
    python bench/embed_scale.py --n 2000 --rotations 32  # time per 1,000 with orientation averaging

Writes a synthetic preprocessed stack (n, box, box, box) float32 to --dir (24 GB for 55,000 at box 48; the
content is random, which does not change the cost), then runs what `cryomorph infer` runs on it, stage by
stage, with a freshly initialised network of the `paper` preset's size: the encoder over every particle
(`infer.embed_stack`), UMAP to 2D, and the Gaussian mixture. It prints, per stage, seconds, seconds per
1,000 particles and the process's peak resident memory so far (ru_maxrss, which counts everything the process
ever held, so it is an upper bound of what the stage needed). Also prints the preprocessing time per 1,000
particles, measured on 500 simulated box-48 particles.
"""
import argparse, resource, shutil, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np
import torch


WRITE = """
import sys, numpy as np
path, n, box = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
arr = np.lib.format.open_memmap(path + '.partial', mode='w+', dtype=np.float32, shape=(n, box, box, box))
rng = np.random.default_rng(0)
for s in range(0, n, 1000):
    arr[s:s + 1000] = rng.standard_normal((min(1000, n - s), box, box, box), dtype=np.float32)
arr.flush(); del arr
import os; os.replace(path + '.partial', path)
"""


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2 ** 20


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--n', type=int, default=55000)
    p.add_argument('--box', type=int, default=48)
    p.add_argument('--rotations', type=int, default=0, help='orientation averaging of z (infer default 32; 0 = one pass)')
    p.add_argument('--batch-size', type=int, default=128)
    p.add_argument('--dir', default=None, help='where the synthetic stack goes (default: a temporary folder)')
    p.add_argument('--skip-umap', action='store_true')
    p.add_argument('--keep', action='store_true', help='keep the synthetic stack (a second run reuses it)')
    a = p.parse_args()
    from cryomorph.run import make_config
    from cryomorph.model import DisentanglingNet
    from cryomorph.data import ParticleStack, preprocess
    from cryomorph.infer import embed_stack, umap_2d, fit_gmm
    from cryomorph.simulate import simulate
    torch.manual_seed(0)
    d = Path(a.dir or tempfile.mkdtemp(prefix='cryomorph_scale_'))
    d.mkdir(parents=True, exist_ok=True)
    print(f"machine: {torch.get_num_threads()} torch threads, torch {torch.__version__}; folder {d}", flush=True)

    # preprocessing per 1,000 particles (raw box-48 MRCs -> training box stack)
    sim = simulate(d / 'sim', n_per_class=125, snr=0.1, mwa_deg=30, seed=0, progress=False)
    for box in (24, 48):
        shutil.rmtree(d / f'pre{box}', ignore_errors=True)  # preprocess reuses an up-to-date stack: time a fresh one
        t0 = time.time(); preprocess(sim, d / f'pre{box}', box=box, progress=False); s = time.time() - t0
        print(f"preprocess 500 particles to box {box}: {s:.1f} s = {s / 0.5:.1f} s per 1,000", flush=True)

    path = d / 'stack.npy'
    if path.exists() and np.load(path, mmap_mode='r').shape == (a.n, a.box, a.box, a.box):
        print(f"reusing {path}", flush=True)
    else:  # written by a child process, so that its dirty pages do not count in this process's peak RSS
        t0 = time.time()
        subprocess.run([sys.executable, '-c', WRITE, str(path), str(a.n), str(a.box)], check=True)
        print(f"wrote {a.n} x {a.box}^3 float32 ({path.stat().st_size / 2 ** 30:.1f} GB) in {time.time() - t0:.0f} s", flush=True)
    print(f"peak RSS before embedding: {peak_gb():.2f} GB", flush=True)

    cfg = make_config('paper', box=a.box)
    model = DisentanglingNet(cfg['box'], cfg['widths'], cfg['hidden'], cfg['latent'], cfg['dropout'], cfg['max_shift'])
    stack = ParticleStack(path)
    t0 = time.time()
    e = embed_stack(model, stack, batch_size=a.batch_size, n_rotations=a.rotations, progress=True)
    s = time.time() - t0
    print(f"embed ({a.rotations} rotations): {s:.0f} s = {s / a.n * 1000:.1f} s per 1,000; peak RSS {peak_gb():.2f} GB", flush=True)
    if not a.skip_umap:
        t0 = time.time(); emb, _ = umap_2d(e['z']); s = time.time() - t0
        print(f"UMAP: {s:.0f} s; peak RSS {peak_gb():.2f} GB", flush=True)
        t0 = time.time(); fit_gmm(e['z'], 4); s = time.time() - t0
        print(f"GMM (K=4) on z: {s:.0f} s; peak RSS {peak_gb():.2f} GB", flush=True)
    print(f"peak RSS of the whole run: {peak_gb():.2f} GB (target <= 4 GB)")
    if not a.keep: path.unlink()


if __name__ == '__main__': main()
