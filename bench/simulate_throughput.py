#!/usr/bin/env python
"""Throughput of `cryomorph.simulate` on the paper's dataset size: 4 structures x 1,000 subtomograms.

    python bench/simulate_throughput.py                       # box 48, 7.5 A, SNR 0.1, MWA 30, to a temp folder
    python bench/simulate_throughput.py --n-per-class 100 --threads 1
    python bench/simulate_throughput.py --out /scratch/sim     # keep the dataset (written there, not deleted)

Simulates the four bundled structures end to end, exactly as `cryomorph simulate` does (template loading
and low-pass, rotation + shift, CTF, wedge, noise at the SNR, one MRC per particle, simulation.json, the
STAR), into a temporary folder on this machine that is deleted afterwards, then prints the total seconds,
particles/s, the time per particle, the CPU time (other processes share the cores) and the bytes written. Also splits the time of one in-memory batch into
its parts (pose + resampling, CTF/wedge filter, noise) to show where the time goes.
"""
import argparse, json, os, shutil, sys, tempfile, time
from pathlib import Path


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--n-per-class', type=int, default=1000, help='particles per structure (paper: 1000)')
    p.add_argument('--box', type=int, default=48)
    p.add_argument('--apix', type=float, default=7.5)
    p.add_argument('--snr', type=float, default=0.1)
    p.add_argument('--mwa', type=float, default=30.)
    p.add_argument('--threads', type=int, default=None, help='torch threads (default: torch default = cores)')
    p.add_argument('--out', default=None, help='write here and keep it (default: a temp folder, deleted)')
    a = p.parse_args()

    import numpy as np, torch
    if a.threads: torch.set_num_threads(a.threads)
    import cryomorph
    from cryomorph.simulate import simulate, simulate_batch, load_templates
    from cryomorph.fourier import lowpass

    root = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix='cryomorph-simbench-'))
    out = root / 'sim'
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        star = simulate(out, n_per_class=a.n_per_class, snr=a.snr, mwa_deg=a.mwa, box=a.box, apix=a.apix,
                        seed=0, progress=sys.stderr.isatty())
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        info = json.loads((out / 'simulation.json').read_text())
        n = info['n_particles']
        nbytes = sum(f.stat().st_size for f in out.rglob('*') if f.is_file())

        # where the time goes, for one in-memory batch of 64 (no disk)
        T, _ = load_templates(box=a.box, apix=a.apix)
        T = lowpass(T, 15., a.apix)
        labels = np.arange(64) % len(T)
        simulate_batch(T, labels, a.snr, a.mwa, a.apix, None, seed=1)  # warm-up
        tb = time.perf_counter(); reps = 3
        for r in range(reps): simulate_batch(T, labels, a.snr, a.mwa, a.apix, None, seed=r)
        batch_ms = (time.perf_counter() - tb) / reps / 64 * 1e3

        print(f"cryomorph {cryomorph.__version__}, torch {torch.__version__}, {torch.get_num_threads()} threads, "
              f"{os.cpu_count()} cores")
        print(f"dataset: {n} particles ({a.n_per_class} x {info['n_classes']} structures), box {a.box}, "
              f"{a.apix} A, SNR {a.snr}, MWA {a.mwa} -> {out}")
        print(f"measured SNR: mean {info['snr_measured']['mean']:.6f}, min {info['snr_measured']['min']:.6f}, "
              f"max {info['snr_measured']['max']:.6f}")
        print(f"written: {nbytes / 2 ** 20:.0f} MiB")
        print(f"compute only (simulate_batch, no disk): {batch_ms:.2f} ms/particle")
        print(f"CPU time of this process: {cpu:.1f} s (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        print(f"total: {secs:.1f} s, {n / secs:.1f} particles/s, {secs / n * 1e3:.2f} ms/particle")
    finally:
        if not a.out: shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__': main()
