#!/usr/bin/env python
"""Draw the pipeline picture of the README and the docs' home page: `python tools/pipeline_figure.py`
writes nbs/images/pipeline.png."""
from pathlib import Path
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

STEPS = [  # (command, what it does, what it writes)
    ('your particles\nor `simulate`', 'RELION / Warp STAR\n+ one 3D MRC\nper particle', 'particles.star'),
    ('check', 'every file opens;\none box, one\nvoxel size', 'a report'),
    ('train', 'low-pass, crop, mask;\nencoder: pose (SE(3))\n+ shape z; Harmony +\nmulti-choice loss', 'RUN/ checkpoints,\nlog.csv'),
    ('infer -k K', 'mixture on z: K classes;\na decoded template\nper class; align and\naverage: poses, maps', 'RUN/analysis_kK/\nclasses.star, maps'),
    ('RELION', 'relion_refine\nper class, from\nour poses and maps', 'refined maps'),
]


def main(out: Path = Path(__file__).resolve().parents[1] / 'nbs' / 'images' / 'pipeline.png'):
    fig, ax = plt.subplots(figsize=(13, 3.1), dpi=110)
    ax.set_xlim(0, len(STEPS) * 2.6); ax.set_ylim(0, 3.1); ax.axis('off')
    for i, (cmd, what, writes) in enumerate(STEPS):
        x = i * 2.6 + 0.1
        ax.add_patch(FancyBboxPatch((x, 0.75), 2.1, 2.1, boxstyle='round,pad=0.04', fc='#e8f0fb' if i not in (0, 4) else '#f3f3f3',
                                    ec='#3465a4' if i not in (0, 4) else '#777777', lw=1.4))
        ax.text(x + 1.05, 2.5, cmd.replace('`', ''), ha='center', va='center', fontsize=11, weight='bold', family='monospace')
        ax.text(x + 1.05, 1.55, what, ha='center', va='center', fontsize=8.6)
        ax.text(x + 1.05, 0.38, writes, ha='center', va='center', fontsize=8, color='#444444', style='italic')
        if i < len(STEPS) - 1:
            ax.annotate('', xy=(x + 2.55, 1.8), xytext=(x + 2.2, 1.8), arrowprops=dict(arrowstyle='-|>', lw=1.6, color='#333333'))
    ax.text(0.1, 3.05, 'cryomorph: from subtomograms to classes, poses and maps RELION refines (blue: cryomorph commands)',
            fontsize=10, va='top')
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, bbox_inches='tight'); print(f'wrote {out}')


if __name__ == '__main__': main()
