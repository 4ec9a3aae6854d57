"""How ARI at SNR 0.01 grows with training epochs and particles per structure (the `cpu` preset otherwise).

    python bench/growth_snr001.py --work /tmp/growth --points 150:25 150:50 150:100 300:50 600:50
    python bench/growth_snr001.py --work /tmp/growth --points 300:50 --method harmony3d --overcluster 2

Each point `N:E` simulates N particles per structure of the four bundled structures at the chosen setting (default
SNR 0.01, missing wedge 30°, the benchmark's simulation seed, so `150` is the benchmark's own data set), trains MCL
(or Harmony3D with `--method harmony3d`) with the `cpu` preset for E epochs (training seed 0), reads the run out with `analyse(run, k=4, seed=0)` (the defaults:
the network's classes, refine 1, reassign 4; `--overcluster 2` reads out with `Readout(overcluster=2)`, 2K mixture components, `--overcluster
1 2` both) and scores it with `metrics.evaluate` (no FSC). One line per point and readout:
the network's ARI (the mixture on the latents, before alignment), the defaults' ARI and accuracy, and the times.
Points already trained in WORK are reused (training resumes from the last checkpoint, which is a no-op when done).
"""
import argparse, json, time
from pathlib import Path
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/growth')
    p.add_argument('--setting', default='snr0.01_mwa30')
    p.add_argument('--points', nargs='+', default=['150:25', '150:50', '150:100', '300:50', '600:50'],
                   help='particles per structure : epochs')
    p.add_argument('--overcluster', type=int, nargs='+', default=[1],
                   help='read each run out with infer --overcluster F for each F given (1: the defaults)')
    p.add_argument('--method', choices=('mcl', 'harmony3d'), default='mcl', help='harmony3d: train with --no-mcl')
    a = p.parse_args()
    from cryomorph.benchmark import SETTINGS
    from cryomorph.simulate import simulate
    from cryomorph.train import train
    from cryomorph.readout import Readout, analyse
    from cryomorph.metrics import evaluate
    torch.set_num_threads(2)
    snr, mwa, kind = SETTINGS[a.setting]
    if kind != 'bundled': raise SystemExit('growth_snr001.py runs on the bundled structures')
    work = Path(a.work)
    print(f"setting {a.setting} (SNR {snr}, MWA {mwa:g}°), {a.method}, cpu preset, training seed 0, infer seed 0", flush=True)
    for pt in a.points:
        n, ep = (int(x) for x in pt.split(':'))
        t0 = time.time()
        star = simulate(work / 'data' / f'{a.setting}_n{n}', n_per_class=n, snr=snr, mwa_deg=mwa,
                        seed=list(SETTINGS).index(a.setting), progress=False)
        t_sim = time.time() - t0
        run = work / 'runs' / (f'{a.setting}_n{n}_e{ep}' + ('_harmony3d' if a.method == 'harmony3d' else ''))
        t0 = time.time()
        train(star, run, dict(preset='cpu', epochs=ep, seed=0, mcl=a.method == 'mcl'), resume=(run / 'checkpoints' / 'last.pt').exists(),
              progress=False)
        t_train = time.time() - t0
        for f in a.overcluster:
            t0 = time.time()
            an = analyse(run, k=4, readout=Readout(overcluster=f), seed=0, progress=False)
            t_inf = time.time() - t0
            m = evaluate(an, star, fsc=False)
            info = json.loads((an / 'analysis.json').read_text())
            print(f"{n} per structure, {ep} epochs" + (f", overcluster {f}" if f > 1 else '') +
                  f": network ARI {m['ari_network']:.3f}  readout ARI {m['ari']:.3f} accuracy {m['accuracy']:.3f}  "
                  f"moved {info.get('moved_per_round')}  simulate {t_sim:.0f} s, train {t_train:.0f} s, infer {t_inf:.0f} s",
                  flush=True)


if __name__ == '__main__':
    main()
