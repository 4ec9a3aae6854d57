"""The hard set read out with consensus classes at the training box and at the particles' own box.

    python bench/archive/hard_consensus_box.py --work /tmp/hdnet                 # box 24 (one stage) and 48 (the default)
    python bench/archive/hard_consensus_box.py --work /tmp/hdnet --boxes 48 --seeds 0 1 2

Simulates the benchmark's hard set (its data seed, 150 particles per structure of 4cr2, its mirror image and copies
missing the x or the y domain; SNR 0.1, 30° wedge), trains MCL with the `cpu` preset for 50 epochs (training seed 0)
unless WORK/mcl_run holds that run already, then for each box and seed calls `analyse(run, k=4,
readout=Readout(classes='consensus', consensus_box=B), seed=S)` (what `cryomorph infer RUN -k 4 --classes consensus --consensus-box B --seed S` calls) and
scores it against the true classes. Each readout is written to its own copy of the analysis folder.
"""
import argparse, json, shutil, time
from pathlib import Path
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/hdnet')
    p.add_argument('--boxes', type=int, nargs='+', default=[24, 48])
    p.add_argument('--seeds', type=int, nargs='+', default=[0])
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    from cryomorph.benchmark import SETTINGS, benchmark_dataset
    from cryomorph.data import preprocess
    from cryomorph.readout import Readout, analyse
    from cryomorph.run import read_run_config
    from cryomorph.metrics import evaluate
    from cryomorph.train import train
    setting, out = 'hard_snr0.1_mwa30', Path(a.work)
    star = benchmark_dataset(out, setting, 150, list(SETTINGS).index(setting), False)
    run, t0 = out / 'mcl_run', time.time()
    if not (run / 'checkpoints' / 'last.pt').exists():
        train(star, run, dict(preset='cpu', epochs=50, seed=0), progress=False)
        print(f"trained {run} in {time.time() - t0:.0f} s", flush=True)
    cfg = read_run_config(run)['train']
    preprocess(star, run, cfg['box'], cfg['lowpass_A'], progress=False)  # the training stack (kept if up to date)
    for box in a.boxes:
        for seed in a.seeds:
            t0 = time.time()
            an = analyse(run, k=4, readout=Readout(classes='consensus', consensus_box=box), seed=seed, progress=False)
            dt = time.time() - t0
            m = evaluate(an, star, fsc=False)
            info = json.loads((an / 'analysis.json').read_text())
            keep = out / f'analysis_box{box}_seed{seed}'
            shutil.rmtree(keep, ignore_errors=True); shutil.copytree(an, keep)
            print(f"consensus box {info['consensus_box']} seed {seed}: infer {dt:.0f} s, ARI {m['ari']:.3f} accuracy "
                  f"{m['accuracy']:.3f} (network {m['ari_network']:.3f}); counts {info['counts']} → {keep}", flush=True)


if __name__ == '__main__':
    main()
