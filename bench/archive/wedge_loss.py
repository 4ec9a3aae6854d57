"""Does seeing the template through the missing wedge (`train(..., wedge_loss=True)`) make the network's latents
separate the classes better? MCL and Harmony3D, with and without it, on one benchmark setting.
The option was removed after these measurements: the script needs cryomorph as of commit 07d1fa9, the last that had it.

    python bench/archive/wedge_loss.py --work /tmp/wedge --runs mcl:1:0 harmony3d:1:0 mcl:0:0 harmony3d:0:0
    python bench/archive/wedge_loss.py --work /tmp/wedge --setting snr0.1_mwa30 --set select_box=24 --runs mcl:1:0 mcl:0:0

Each run `METHOD:WEDGE:SEED` trains the `cpu` preset for the benchmark's `cpu` scale (50 epochs) on the benchmark's
own data for the setting (default SNR 0.01, missing wedge 30°, 150 per structure, simulated with the benchmark's
seed), with `wedge_loss` on (1) or off (0), that training seed and the settings of `--set`. Each is read out twice, both with `-k 4`:
`infer(run, k=4, refine=0)` (the mixture on the latents alone: the network's ARI; with `--fsc`, also the aligned
AUC-FSC of the templates decoded for those classes against the true structures) and the defaults
`infer(run, k=4)` (refine 1, reassign 4) with `--readout` (off by default: it takes 5 minutes a run). Runs found
finished in WORK are not trained again. One line per run: ARIs, accuracy, seconds per epoch, the last epoch's loss.
"""
import argparse, json, time
from pathlib import Path
import pandas as pd
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/wedge')
    p.add_argument('--setting', default='snr0.01_mwa30')
    p.add_argument('--runs', nargs='+', default=['mcl:1:0', 'harmony3d:1:0', 'mcl:0:0', 'harmony3d:0:0'],
                   help='METHOD:WEDGE:SEED, METHOD mcl or harmony3d, WEDGE 1 (wedge_loss) or 0')
    p.add_argument('--epochs', type=int, default=None, help='default: the cpu scale of the benchmark')
    p.add_argument('--readout', action='store_true', help='also read out with the infer defaults (refine 1, reassign 4)')
    p.add_argument('--fsc', action='store_true', help="also the decoded templates' aligned AUC-FSC against the true structures")
    p.add_argument('--set', nargs='+', default=[], metavar='KEY=VALUE',
                   help='other training settings for every run (VALUE as JSON, e.g. select_box=24); named in the run folder')
    a = p.parse_args()
    from cryomorph.benchmark import SETTINGS, SCALES
    from cryomorph.simulate import simulate
    from cryomorph.train import train
    from cryomorph.infer import infer
    from cryomorph.metrics import evaluate
    torch.set_num_threads(2)
    snr, mwa, kind = SETTINGS[a.setting]
    if kind != 'bundled': raise SystemExit('wedge_loss.py runs on the bundled structures')
    scale = SCALES['cpu']
    epochs = a.epochs or scale['train']['epochs']
    work = Path(a.work)
    star = simulate(work / 'data' / a.setting, n_per_class=scale['n_per_class'], snr=snr, mwa_deg=mwa,
                    seed=list(SETTINGS).index(a.setting), progress=False)
    print(f"setting {a.setting} (SNR {snr}, MWA {mwa:g}°), {scale['n_per_class']} per structure, cpu preset, {epochs} epochs",
          flush=True)
    for r in a.runs:
        method, wedge, seed = r.split(':'); wedge, seed = bool(int(wedge)), int(seed)
        extra = {k: json.loads(v) for k, v in (kv.split('=', 1) for kv in a.set)}
        tag = ''.join(f'_{k}{v}' for k, v in extra.items())
        run = work / 'runs' / f"{a.setting}_{method}_wedge{int(wedge)}{tag}_seed{seed}"
        t0 = time.time()
        cfg = dict(preset='cpu', epochs=epochs, seed=seed, mcl=method == 'mcl', wedge_loss=wedge, **extra)
        done = (run / 'checkpoints' / 'last.pt').exists()
        train(star, run, cfg, resume=done, progress=False)
        t_train = time.time() - t0
        log = pd.read_csv(run / 'log.csv')
        line = f"{method:9s} wedge_loss {int(wedge)}{''.join(f' {k} {v}' for k, v in extra.items())} seed {seed}: "
        t0 = time.time()
        m = evaluate(infer(run, k=4, seed=0, refine=0, progress=False), star, fsc=a.fsc)
        line += f"network ARI {m['ari']:.3f} accuracy {m['accuracy']:.3f}"
        if a.fsc: line += f" decoded AUC-FSC {m['auc_fsc_mean']:.3f} ({' '.join(f'{v:.2f}' for v in m['auc_fsc'].values())})"
        line += f" ({time.time() - t0:.0f} s)"
        if a.readout:
            t0 = time.time()
            m = evaluate(infer(run, k=4, seed=0, progress=False), star, fsc=False)
            line += f"  readout ARI {m['ari']:.3f} accuracy {m['accuracy']:.3f} ({time.time() - t0:.0f} s)"
        line += (f"  {log['seconds'].median():.1f} s/epoch, last loss {log['loss'].iloc[-1]:.1f}, "
                 f"train {t_train:.0f} s{' (found trained)' if done else ''}")
        print(line, flush=True)


if __name__ == '__main__':
    main()
