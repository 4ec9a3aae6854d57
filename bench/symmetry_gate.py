#!/usr/bin/env python
"""When consensus classes measure each particle at every symmetric copy of its pose: the rule, on the consensus
alignments of `bench/variants_symmetry.py` (its cache).

    python bench/symmetry_gate.py --work /tmp/rp --cache /tmp/vd --runs val_variants_barrel__seed0 ...

For each run's consensus average: its best peaks (`align.near_symmetry`, matched about the box centre); whether the rule
before 2026-12-07 searched a group at all (the best peak had to reach `readout.NEAR_SYMMETRY_AT`); the group
`align.symmetry_copies` finds now (each turn joins if every copy of its group fits the map at the threshold, turned
about the copies' best centre) and how well its copies fit; then the difference classes with every particle at its
copy and in one frame: the ARI against the true classes, and against the true shapes (`readout_protocol.symmetry_mates`:
variants that are one structure up to the complex's symmetry count as one).
"""
import argparse, sys, time
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', default='/tmp/rp', help='readout_protocol.py data folder (runs/ and data/)')
    p.add_argument('--cache', default='/tmp/vd', help="variants_symmetry.py's cache of consensus alignments")
    p.add_argument('--runs', nargs='+', required=True, help='run names under WORK/runs')
    a = p.parse_args()
    from cryomorph.io import read_star, read_mrc
    from cryomorph.align import difference_classes, symmetry_copies
    from cryomorph.readout import NEAR_SYMMETRY_AT
    from cryomorph.data import data_wedge_mask
    from cryomorph.metrics import ari
    from variants_symmetry import consensus_alignment
    from readout_protocol import symmetry_mates
    torch.set_num_threads(1)
    print(f'| run | best peaks (about the box centre) | searched before (best peak ≥ {NEAR_SYMMETRY_AT}) | group now | its copies fit '
          '| ARI, at the copies | ARI, one frame | shapes | ARI against shapes, at the copies | ARI against shapes, one frame |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for name in a.runs:
        run, data = Path(a.work) / 'runs' / name, Path(a.work) / 'data' / name.split('__')[0]
        y = read_star(data / 'particles.star')['particles']['rlnClassNumber'].to_numpy()
        mates = np.array(symmetry_mates([torch.from_numpy(read_mrc(f)[0].copy()) for f in sorted((data / 'templates').glob('class_*.mrc'))]))
        c = consensus_alignment(run, Path(a.cache), name)
        R, t, C = (torch.from_numpy(c[k]).float() for k in ('R', 't', 'C'))
        parts = torch.from_numpy(np.ascontiguousarray(np.load(run / 'stack_box48' / 'particles.npy', mmap_mode='r')))
        wedge = data_wedge_mask(parts, max_particles=256)
        t0 = time.time()
        found = symmetry_copies(C, NEAR_SYMMETRY_AT)
        G, fit = len(found['group']), found['fit'].numpy()
        one = difference_classes(parts, R, t, C, wedge, 4, 0.5, seed=0)[0]
        cop = difference_classes(parts, R, t, C, wedge, 4, 0.5, copies=found['group'], centre=found['centre'], seed=0)[0] if G > 1 else None
        peaks = ', '.join(f'{s:.2f} ({ang:.0f}°)' for s, ang in found['peaks'][:3]) or 'none'
        before = bool(found['peaks']) and found['peaks'][0][0] >= NEAR_SYMMETRY_AT
        fits = f'{fit[1:].min():.2f}–{fit[1:].max():.2f}' if G > 1 else '–'
        cell = lambda truth, lab: '–' if lab is None else f'{ari(truth, lab):.3f}'
        print(f"| {name} | {peaks} | {'yes' if before else 'no'} | {G} | {fits} | {cell(y, cop)} | {cell(y, one)} | "
              f"{len(set(mates))} | {cell(mates[y - 1], cop)} | {cell(mates[y - 1], one)} |", flush=True)
        print(f'  ({name}: {time.time() - t0:.0f} s)', file=sys.stderr, flush=True)


if __name__ == '__main__':
    main()
