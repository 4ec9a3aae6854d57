"""Does the network's representation improve with more particles? Network-only ARI, SAP and right poses at 150, 300
and 1,000 particles per structure (box 24, the `cpu` preset otherwise).

    python bench/network_growth.py --work /tmp/ng --per-structure 150:50 300:50 1000:15 150:100 \
        --reuse 150:50=/tmp/b25/runs/snr0.01_mwa30__mcl__seed0

Each point `N:E` simulates N particles per structure of the four bundled structures at one benchmark setting (default
SNR 0.01, missing wedge 30°, the benchmark's simulation seed, so 150 is the benchmark's own data set), trains MCL with the
`cpu` preset for E epochs (training seed 0), and reads it out with the network alone (`cryomorph infer RUN -k 4
--refine 0`: the mixture on z, the network's poses; inference seed 0). 300:50, 1000:15 and 150:100 see the same number
of particles in training (60,000 passes): more data at equal compute. It prints, per point: the network's ARI and
accuracy, SAP (acc(z) − acc(θ), 5-fold logistic regression, as the paper's Table 1), and the share of particles whose
network pose places the true structure with a correlation above 0.8 (`pose_accuracy.py`), then one markdown table.
`--reuse N:E=RUN` takes an already trained run and its particles for a point (simulated as this script would).
"""
import argparse, json, sys, time
from pathlib import Path
import torch

sys.path.insert(0, str(Path(__file__).parent))
from pose_accuracy import right_poses


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/ng')
    p.add_argument('--setting', default='snr0.01_mwa30')
    p.add_argument('--per-structure', nargs='+', default=['150', '300', '1000'],
                   help='particles per structure, each N or N:E (E epochs instead of --epochs)')
    p.add_argument('--epochs', type=int, default=50)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--plot', help='write the growth curve to this PNG')
    p.add_argument('--reuse', nargs='*', default=[], help='N:E=RUN: a trained run for that point')
    a = p.parse_args()
    from cryomorph.benchmark import SETTINGS
    from cryomorph.simulate import simulate
    from cryomorph.train import train
    from cryomorph.readout import Readout, analyse
    from cryomorph.metrics import evaluate
    torch.set_num_threads(a.threads)
    snr, mwa, kind = SETTINGS[a.setting]
    if kind != 'bundled': raise SystemExit('network_growth.py runs on the bundled structures')
    reuse = {k: Path(v) for k, v in (r.split('=', 1) for r in a.reuse)}
    work = Path(a.work)
    print(f"setting {a.setting} (SNR {snr}, MWA {mwa:g}°), MCL, cpu preset (epochs per point below; "
          f"{a.epochs} where a point gives none), training seed 0, "
          f"network readout (infer -k 4 --refine 0), inference seed 0, {a.threads} threads", flush=True)
    rows = []
    for pt in a.per_structure:
        n, ep = (int(pt.split(':')[0]), int(pt.split(':')[1])) if ':' in pt else (int(pt), a.epochs)
        t0 = time.time()
        if pt in reuse:  # its own particles (the same simulation: this script's setting and seed)
            from cryomorph.run import open_run
            star = Path(open_run(reuse[pt]).particle_set().star_path)
        else: star = simulate(work / 'data' / f'{a.setting}_n{n}', n_per_class=n, snr=snr, mwa_deg=mwa,
                        seed=list(SETTINGS).index(a.setting), progress=False)
        t_sim = time.time() - t0
        run = reuse.get(pt, work / 'runs' / f'{a.setting}_n{n}_e{ep}')
        t0 = time.time()
        if pt not in reuse:
            train(star, run, dict(preset='cpu', epochs=ep, seed=0), resume=(run / 'checkpoints' / 'last.pt').exists(), progress=False)
        t_train = time.time() - t0
        t0 = time.time()
        an = analyse(run, k=4, readout=Readout(refine=0), seed=0, progress=False)
        t_inf = time.time() - t0
        m = evaluate(an, star, fsc=False)
        poses = right_poses(an, star, per_class=n, log=lambda s: None)
        row = dict(per_structure=n, particles=4 * n, epochs=ep, particle_passes=4 * n * ep, ari=m['ari'], accuracy=m['accuracy'], sap=m['sap'], acc_z=m['acc_z'],
                   acc_theta=m['acc_theta'], right_poses=poses['network'], train_s=round(t_train), infer_s=round(t_inf), run=str(run))
        rows.append(row)
        print(json.dumps(row) + f"  (simulate {t_sim:.0f} s)", flush=True)
    print(f"\n| per structure | particles | epochs | particle passes | network ARI | accuracy | SAP | acc(z) | acc(θ) | right poses | train s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['per_structure']} | {r['particles']} | {r['epochs']} | {r['particle_passes']:,} | {r['ari']:.3f} | {r['accuracy']:.3f} | {r['sap']:.3f} | "
              f"{r['acc_z']:.3f} | {r['acc_theta']:.3f} | {r['right_poses']:.2f} | {r['train_s']} |")
    if a.plot: plot(rows, a.plot, f"SNR {snr}, {mwa:g}° wedge, bundled structures")


def plot(rows, path, title):
    "Network ARI, SAP and the share of right poses against particles per structure; equal-compute points joined."
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt, matplotlib.ticker
    fig, ax = plt.subplots(figsize=(6.4, 3.8), dpi=120)
    keys = [('ari', 'network ARI', 'C0'), ('sap', 'SAP (acc(z) − acc(θ))', 'C1'), ('right_poses', 'right poses (share)', 'C2')]
    passes = sorted({r['particle_passes'] for r in rows})
    for key, label, colour in keys:
        for j, pp in enumerate(passes):
            rs = sorted((r for r in rows if r['particle_passes'] == pp), key=lambda r: r['per_structure'])
            ax.plot([r['per_structure'] for r in rs], [r[key] for r in rs], marker='os^D'[j % 4], color=colour,
                    ls='-' if j == len(passes) - 1 else 'none', label=f'{label}' if j == len(passes) - 1 else None)
    for r in rows:
        ax.annotate(f"{r['epochs']} ep", (r['per_structure'], r['ari']), textcoords='offset points', xytext=(4, 4), fontsize=7, color='C0')
    ax.set_xscale('log'); ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator()); ax.set_xticks(sorted({r['per_structure'] for r in rows})); ax.set_xticklabels(sorted({r['per_structure'] for r in rows}))
    ax.set_xlabel('training particles per structure'); ax.set_ylim(0, 1); ax.grid(alpha=0.3)
    ax.set_title(f"The network alone as data grow ({title})\njoined: {passes[-1]:,} particle passes in training (epochs marked); circles: fewer", fontsize=9)
    ax.legend(fontsize=8, loc='upper left')
    fig.tight_layout(); fig.savefig(path); plt.close(fig)
    print(f'plot: {path}')


if __name__ == '__main__':
    main()
