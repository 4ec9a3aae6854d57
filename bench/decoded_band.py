"""How much of what their box allows do the decoded templates reach? For each analysis folder written by `infer`
on simulated data, the aligned AUC-FSC of its decoded templates against the true structures (`evaluate`): over the
full band, over the band of the box the network decodes at (to its Nyquist), and the ceiling that box sets (the true
structures themselves limited to it).

    python bench/decoded_band.py /tmp/wedge/runs/*/analysis_k4

The truth is the STAR file the run was trained on (`analysis.json`'s `particles`, with `rlnClassNumber`) and the
`templates/` beside it, as `cryomorph simulate` writes them. One line per folder, then the mean per group of runs
(the folder's run name without its `_seedN`).
"""
import argparse, json, re
from pathlib import Path
import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('analyses', nargs='+', type=Path)
    p.add_argument('--threads', type=int, default=2, help='torch threads')
    a = p.parse_args()
    import torch
    from cryomorph.metrics import evaluate
    torch.set_num_threads(a.threads)
    groups = {}
    for an in a.analyses:
        info = json.loads((an / 'analysis.json').read_text())
        m = evaluate(an, info['particles'])
        run = Path(info['run']).name
        print(f"{run}: ARI {m['ari']:.3f}  decoded AUC-FSC {m['auc_fsc_mean']:.3f}  to {m['band_nyquist_A']:.0f} Å "
              f"{m['auc_fsc_band_mean']:.3f} ({' '.join(f'{v:.2f}' for v in m['auc_fsc_band'].values())})  "
              f"ceiling {m['auc_fsc_ceiling_mean']:.3f} (decoded box {m['decoded_box']}, particles' box "
              f"{len(m['fsc_frequencies']) * 2 - 2})", flush=True)
        groups.setdefault(re.sub(r'_seed\d+$', '', run), []).append((m['auc_fsc_mean'], m['auc_fsc_band_mean'], m['auc_fsc_ceiling_mean']))
    print('\nmean per group: full band / to the decoded Nyquist / ceiling')
    for g, v in groups.items():
        v = np.array(v)
        print(f"{g} ({len(v)} runs): {v[:, 0].mean():.3f} / {v[:, 1].mean():.3f} (range {v[:, 1].min():.3f}-{v[:, 1].max():.3f}) / {v[:, 2].mean():.3f}")


if __name__ == '__main__':
    main()
