"""The hard set read out as the benchmark does, and the consensus it found kept as a map for `hard_diagnosis.py --start`.

    python bench/archive/hard_consensus_start.py --work /tmp/hdnet
    python bench/archive/hard_diagnosis.py --work /tmp/hdnet --box 48 --start /tmp/hdnet/consensus_box24.mrc

Simulates the benchmark's hard set (its data seed, 150 particles per structure), trains MCL with the `cpu` preset for
50 epochs (training seed 0), reads it out with `analyse(run, k=4, readout=Readout(classes='consensus'), seed=0)` (what `cryomorph
infer RUN -k 4 --classes consensus` calls), scores it, and writes the consensus that readout aligned to (the class averages
in the consensus frame, weighted by their sizes) as WORK/consensus_box24.mrc: a start for a finer alignment that knows
nothing of the truth.
"""
import argparse, json, time
from pathlib import Path
import numpy as np, torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/hdnet')
    a = p.parse_args()
    torch.set_num_threads(2)
    from cryomorph.benchmark import SETTINGS, benchmark_dataset
    from cryomorph.readout import Readout, analyse
    from cryomorph.io import read_mrc, write_mrc
    from cryomorph.metrics import evaluate
    from cryomorph.train import train
    setting, out = 'hard_snr0.1_mwa30', Path(a.work)
    star = benchmark_dataset(out, setting, 150, list(SETTINGS).index(setting), False)
    run, t0 = out / 'mcl_run', time.time()  # not WORK/run: hard_diagnosis.py preprocesses there
    train(star, run, dict(preset='cpu', epochs=50, seed=0), resume=(run / 'checkpoints' / 'last.pt').exists(), progress=False)
    t_train, t0 = time.time() - t0, time.time()
    an = analyse(run, k=4, readout=Readout(classes='consensus'), seed=0, progress=False)
    t_inf = time.time() - t0
    m = evaluate(an, star, fsc=False)
    counts = json.loads((an / 'analysis.json').read_text())['counts']
    maps = sorted((an / 'refined').glob('class_*.mrc'))
    vols = [read_mrc(f) for f in maps]
    w = np.asarray([counts[str(int(f.stem.split('_')[1]))] for f in maps], np.float64)
    cons = sum(wi * v for wi, (v, _) in zip(w / w.sum(), vols)).astype(np.float32)
    write_mrc(out / 'consensus_box24.mrc', cons, vols[0][1])
    print(f"hard set, MCL cpu preset 50 epochs: train {t_train:.0f} s; infer --classes consensus {t_inf:.0f} s: "
          f"ARI {m['ari']:.3f} accuracy {m['accuracy']:.3f} (network {m['ari_network']:.3f}); "
          f"consensus ({len(maps)} class averages weighted by their sizes {w.astype(int).tolist()}) → {out / 'consensus_box24.mrc'}")


if __name__ == '__main__':
    main()
