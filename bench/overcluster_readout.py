"""Read a trained run out with `analyse` (the defaults or `--overcluster F`) for several seeds and print the scores.

    python bench/overcluster_readout.py RUN SIM/particles.star --seeds 0 1 2 --overcluster 1 2 --work /tmp/oc

Each readout works on a copy of RUN (without its analyses, so the run itself is untouched), calls
`analyse(copy, k=4, readout=Readout(overcluster=F), seed=S)` (what `cryomorph infer RUN -k 4 --overcluster F --seed S` calls; refine 1
and reassign 4 by default) and `metrics.evaluate` against the simulation's true classes, and prints one line: ARI,
accuracy, the network's ARI, particles moved per round, wall time, refined AUC-FSC and the confusion matrix.
"""
import argparse, json, shutil, time
from pathlib import Path
import numpy as np
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('run'); p.add_argument('truth', help="the simulation's particles.star")
    p.add_argument('--seeds', nargs='+', type=int, default=[0])
    p.add_argument('--overcluster', nargs='+', type=int, default=[1, 2])
    p.add_argument('--k', type=int, default=4)
    p.add_argument('--work', default='/tmp/overcluster_readout', help='where the copies go (deleted first)')
    a = p.parse_args()
    from cryomorph.readout import Readout, analyse
    from cryomorph.metrics import evaluate
    torch.set_num_threads(2)
    src = Path(a.run)
    scores = {}
    for f in a.overcluster:
        for s in a.seeds:
            run = Path(a.work) / f'{src.name}_oc{f}_seed{s}'
            shutil.rmtree(run, ignore_errors=True)
            shutil.copytree(src, run, ignore=shutil.ignore_patterns('analysis_*'))
            t0 = time.time()
            an = analyse(run, k=a.k, readout=Readout(overcluster=f), seed=s, progress=False)
            dt = time.time() - t0
            m = evaluate(an, a.truth)
            info = json.loads((an / 'analysis.json').read_text())
            scores.setdefault(f, []).append(m['ari'])
            print(f"{src.name} seed {s} overcluster {f} ARI {m['ari']:.3f} accuracy {m['accuracy']:.3f} "
                  f"(network {m['ari_network']:.3f}) moved {info['moved_per_round']}  infer {dt:.0f} s  "
                  f"refined AUC-FSC {m.get('auc_fsc_refined_mean', float('nan')):.3f} {m['confusion']}", flush=True)
    for f, v in scores.items():
        print(f"overcluster {f}: ARI " + ' / '.join(f'{x:.3f}' for x in v) + f"  mean {np.mean(v):.3f}")


if __name__ == '__main__':
    main()
