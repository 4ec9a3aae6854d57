#!/usr/bin/env python
"""The readout protocol: readout choices are made on a validation set and reported on a test set that no choice
has seen. This script builds the sets the benchmark does not already have, trains a network on each (the `cpu`
preset, as `cryomorph train --preset cpu` does), then reads every trained run out with each readout.

Validation (where choices are made):
  - the benchmark's own runs (`cryomorph benchmark OUT --scale cpu`): the four bundled structures at SNR 0.1 / 0.01 and
    0° / 30° of missing wedge, and its hard set (4cr2, its mirror image, copies missing its +x or +y domain);
  - `val_variants_4v7r`: the same construction from another bundled structure (4v7r), simulator seed 5;
  - `val_variants_barrel`: a symmetric complex built here (a chiral barrel of two rings of five subunits, D5), its
    mirror image, and copies missing one or two subunits (`bench/unseen_structures.py`), simulator seed 29;
    `val_variants_barrel3`: the same with rings of three (D3), simulator seed 31.
Test (reported, never looked at while choosing):
  - `test_distinct_snr0.1_mwa30`, `test_distinct_snr0.01_mwa30`: the bundled structures at other simulator seeds;
  - `test_geometric_snr0.01_mwa30`: four shapes the package does not ship (a cage, a dumbbell, a bent filament of
    beads, a ring with a knob; `bench/unseen_structures.py`);
  - `test_variants_4v94`, `test_variants_2uv8`: other structures, other domains (its +z and far −x or −y side),
    each with its mirror image.
  - `test2_variants_barrel4` (rings of four, D4), `test2_variants_2uv8` (+x and far −z domains),
    `test2_variants_4cr2` (+z and far −x): a second round, built after the first round's test sets had been looked at.
Every set: 150 particles per structure, box 48 at 7.5 Å, 30° wedge.

    python bench/readout_protocol.py data --work /tmp/rp --seeds 0          # simulate and train (minutes per set)
    python bench/readout_protocol.py readouts --work /tmp/rp --bench /tmp/b25 --sets val --readouts default consensus auto
    python bench/readout_protocol.py table --work /tmp/rp                    # the validation and test tables (markdown)
    python bench/readout_protocol.py variants                                # how far the variants are from the original
"""
import argparse, json, sys, time
from pathlib import Path

VAL = {  # name: (kind, snr, mwa, simulator seed, extra)
    'val_variants_4v7r': ('variants', 0.1, 30., 5, dict(base='4v7r', domains=('x', 'y'), radius=6.)),
    'val_variants_barrel': ('symmetric', 0.1, 30., 29, {}),
    'val_variants_barrel3': ('symmetric', 0.1, 30., 31, dict(n=3)),
}
TEST = {
    'test_distinct_snr0.1_mwa30': ('bundled', 0.1, 30., 11, {}),
    'test_distinct_snr0.01_mwa30': ('bundled', 0.01, 30., 13, {}),
    'test_geometric_snr0.01_mwa30': ('geometric', 0.01, 30., 17, {}),
    'test_variants_4v94': ('variants', 0.1, 30., 19, dict(base='4v94', domains=('z', '-x'), radius=6.)),
    'test_variants_2uv8': ('variants', 0.1, 30., 23, dict(base='2uv8', domains=('z', '-y'), radius=8.)),
    # a second round of variants, defined before the symmetry gate of consensus classes was reconsidered (the first
    # round's sets had been looked at while building it): other domains, another barrel, other simulator seeds
    'test2_variants_barrel4': ('symmetric', 0.1, 30., 37, dict(n=4)),
    'test2_variants_2uv8': ('variants', 0.1, 30., 41, dict(base='2uv8', domains=('x', '-z'), radius=8.)),
    'test2_variants_4cr2': ('variants', 0.1, 30., 43, dict(base='4cr2', domains=('z', '-x'), radius=6.)),
}
BENCH_VAL = ['snr0.1_mwa0', 'snr0.1_mwa30', 'snr0.01_mwa0', 'snr0.01_mwa30', 'hard_snr0.1_mwa30']  # the benchmark's runs


def make_set(work: Path, name: str, spec) -> Path:
    "Simulate one set (once) and return its particles.star."
    import numpy as np, torch
    from cryomorph.io import write_mrc
    from cryomorph.simulate import simulate
    kind, snr, mwa, seed, extra = spec
    d = work / 'data' / name
    templates = None
    if kind != 'bundled':
        tdir = work / 'data' / f'{name}_templates'
        if not (tdir / 'class_04.mrc').exists():
            tdir.mkdir(parents=True, exist_ok=True)
            if kind == 'variants':
                from cryomorph.benchmark import hard_templates
                vols, _ = hard_templates(**extra)
                vols = [v.numpy() for v in vols]
            else:
                sys.path.insert(0, str(Path(__file__).parent))
                from unseen_structures import maps, barrel_variants
                from cryomorph.fourier import lowpass
                built = barrel_variants(**extra) if kind == 'symmetric' else maps()
                vols = [lowpass(torch.from_numpy(m.astype(np.float32))[None], 15., 7.5)[0].numpy() for m in built.values()]
            for i, v in enumerate(vols): write_mrc(tdir / f'class_{i + 1:02d}.mrc', v, 7.5)
        templates = sorted(tdir.glob('class_*.mrc'))
    return simulate(d, templates=templates, n_per_class=150, snr=snr, mwa_deg=mwa, seed=seed, progress=False)


def cmd_data(a):
    from cryomorph.train import train
    from cryomorph.benchmark import SCALES
    from cryomorph.run import LOSSES
    import torch
    if a.threads: torch.set_num_threads(a.threads)
    work = Path(a.work)
    sets = {**VAL, **TEST} if a.sets == 'all' else (VAL if a.sets == 'val' else TEST)
    for seed in a.seeds:
        for name, spec in sets.items():
            if a.only and name not in a.only: continue
            star = make_set(work, name, spec)
            run = work / 'runs' / (f'{name}__seed{seed}' + ('__paperloss' if a.loss == 'paper' else ''))
            if (run / 'checkpoints' / 'last.pt').exists() and (run / 'log.csv').exists() and \
                    len((run / 'log.csv').read_text().splitlines()) > SCALES['cpu']['train']['epochs']:
                continue
            t0 = time.time()
            train(star, run, dict(SCALES['cpu']['train'], seed=seed, **LOSSES[a.loss]), resume=(run / 'checkpoints' / 'last.pt').exists(), progress=False)
            print(f'{name} training seed {seed}, {a.loss} loss: {time.time() - t0:.0f} s', flush=True)


def _truth(run: Path):
    from cryomorph.io import read_star
    star = json.loads((run / 'config.json').read_text())['particles']
    return read_star(star)['particles']['rlnClassNumber'].to_numpy()


def symmetry_mates(templates: list, at: float = 0.99) -> list:
    """Shape per true class (0, 1, ...): when the first structure (the original) is symmetric (`align.symmetry_copies`
    of its noise-free map at 0.9), two classes whose structures match at one of its symmetric copies with correlation
    `at` or more (box 24; an exact copy matches at 0.99 to 1 after interpolation) are one shape: a domain cut from one copy
    of a symmetric complex is the same variant as the domain cut from another copy, turned, and no readout can tell
    their particles apart. An asymmetric original: every class is its own shape."""
    import torch
    from cryomorph.align import symmetry_copies, copy_poses
    from cryomorph.transforms import transform_volumes
    from cryomorph.fourier import fourier_crop, soft_sphere_mask
    B = 24; m = soft_sphere_mask(B)
    v = [(fourier_crop(x.float(), B) if x.shape[-1] > B else x.float()) * m for x in templates]
    found = symmetry_copies(templates[0].float(), 0.9)
    G = len(found['group'])
    if G == 1: return list(range(len(v)))
    R, t = copy_poses(torch.eye(3)[None].expand(G, 3, 3), torch.zeros(G, 3), found['group'], found['centre'] * B / templates[0].shape[-1])
    cc = lambda a, b: float(torch.corrcoef(torch.stack([a.flatten(), b.flatten()]))[0, 1])
    shape = list(range(len(v)))
    for i in range(len(v)):
        for j in range(i + 1, len(v)):
            best = max(cc(v[i], w * m) for w in transform_volumes(v[j][None].expand(G, B, B, B), R, t))
            if best >= at: shape = [shape[i] if s == shape[j] else s for s in shape]
    ids = {s: n for n, s in enumerate(dict.fromkeys(shape))}
    return [ids[s] for s in shape]


_SHAPES = {}
def _shapes(run: Path):
    "The shape of each particle (`symmetry_mates` of the set's true structures), or None if every class is its own shape."
    import numpy as np, torch
    from cryomorph.io import read_mrc
    star = Path(json.loads((run / 'config.json').read_text())['particles'])
    if star not in _SHAPES:
        tpl = sorted((star.parent / 'templates').glob('class_*.mrc'))
        mates = symmetry_mates([torch.from_numpy(read_mrc(f)[0].copy()) for f in tpl]) if tpl else []
        _SHAPES[star] = None if len(set(mates)) == len(mates) else np.array(mates)[_truth(run) - 1]
    return _SHAPES[star]


def _symmetry(an) -> dict:
    "What consensus classes found of the consensus's symmetry: its best peak, whether it is symmetric, the copies measured."
    s = an.info.get('consensus_symmetry') or {}
    return dict(symmetry={k: s.get(k) for k in ('similarity', 'near', 'copies')})


def _copy(an):
    import dataclasses
    return dataclasses.replace(an, arrays=dict(an.arrays), info=dict(an.info), extra=dict(an.extra))


def _row(an, truth, name, t0, **extra):
    from cryomorph.metrics import ari, hungarian_match
    shapes = _shapes(an.run.path) if an.run is not None else None
    if shapes is not None: extra = dict(extra, ari_shapes=round(float(ari(shapes, an.labels)), 4))
    import numpy as np
    t, l = np.asarray(truth), np.asarray(an.labels)
    confusion = [[int(((t == a) & (l == b)).sum()) for b in range(1, l.max() + 1)] for a in range(1, t.max() + 1)]  # true rows × classes
    return dict(readout=name, ari=round(float(ari(truth, an.labels)), 4), accuracy=round(float(hungarian_match(truth, an.labels)[0]), 4),
                seconds=round(time.time() - t0, 1), confusion=confusion, **extra)


def read_run(run: Path, readouts: list, seed: int = 0) -> list:
    """Every readout of one trained run, after one embedding. The default ('auto') is composed from the two readouts it
    chooses between and the choice `one_complex` makes on the refined network classes (the same computation, done once)."""
    import numpy as np, torch
    from cryomorph.infer import infer, class_templates
    from cryomorph.readout import Readout, read_out, one_complex
    from cryomorph.data import data_wedge_mask
    from cryomorph.metrics import sap_score
    from cryomorph.benchmark import baseline_labels
    truth, rows = _truth(run), []
    t0 = time.time()
    base = infer(run, 4, seed=seed, progress=False)
    rows.append(_row(base, truth, 'network', t0, **sap_score(base.arrays['z'], base.arrays['theta'], truth)))
    parts = base.run.stack_array('cpu')
    wedge = data_wedge_mask(parts, max_particles=256)
    done = {}
    for name in readouts:
        if name == 'auto': continue
        t0 = time.time()
        if name == 'baseline':
            lab = baseline_labels(parts.numpy(), 4, seed) + 1
            an = _copy(base); an.labels = lab
            rows.append(_row(an, truth, name, t0)); done[name] = an; continue
        if name == 'paper':  # the paper's readout of its own loss's run: one pass, UMAP to 2-D, the mixture on the map, no alignment
            an = infer(run, 4, seed=seed, progress=False, n_rotations=0, space='umap')
            rows.append(_row(an, truth, name, t0)); continue
        an = _copy(base)
        if name.startswith('start-'):  # the refined network readout, started from other classes than the network's
            lab = done['baseline'].labels if name == 'start-baseline' else np.random.default_rng(seed).integers(1, 5, len(truth))
            an.labels, an.posteriors = lab, np.eye(4)[lab - 1]
            an.arrays['class_z'], an.has_template, an.templates = class_templates(an, lab, 4)
        read_out(an, Readout(classes='consensus' if name == 'consensus' else 'network'), seed=seed, progress=False)
        extra = {}
        if name == 'network-refined':
            t1 = time.time()
            choice = one_complex(an, parts, wedge.to(an.refined.device), seed)
            extra = dict(choice={k: choice[k] for k in ('variants', 'least', 'at', 'S', 'r')}, choice_seconds=round(time.time() - t1, 1),
                         moved=an.info.get('moved_per_round'))
        if name == 'consensus': extra = _symmetry(an)
        rows.append(_row(an, truth, name, t0, **extra)); done[name] = an
    if 'auto' in readouts:
        net = next(r for r in rows if r['readout'] == 'network-refined')
        if net['choice']['variants'] and 'consensus' not in done:  # the default keeps consensus classes: they are computed
            t0 = time.time(); an = _copy(base)
            read_out(an, Readout(classes='consensus'), seed=seed, progress=False)
            rows.append(_row(an, truth, 'consensus', t0, **_symmetry(an)))
        pick = next(r for r in rows if r['readout'] == ('consensus' if net['choice']['variants'] else 'network-refined'))
        rows.append(dict(pick, readout='auto', kept=pick['readout'],
                         seconds=net['seconds'] + net['choice_seconds'] + (pick['seconds'] if pick is not net else 0)))
    return rows


def _trained(run: Path) -> bool:
    "Whether a run finished its training (the checkpoint of every epoch is written as it goes)."
    if not (run / 'config.json').exists() or not (run / 'log.csv').exists(): return False
    epochs = json.loads((run / 'config.json').read_text())['train']['epochs']
    return len((run / 'log.csv').read_text().splitlines()) > epochs


def cmd_readouts(a):
    import torch
    if a.threads: torch.set_num_threads(a.threads)
    work = Path(a.work); out = work / 'readouts.jsonl'
    runs = []
    if a.sets in ('val', 'all'):
        runs += [('val', s, 0, Path(a.bench) / 'runs' / f'{s}__mcl__seed0') for s in BENCH_VAL] if a.bench else []
    for r in sorted((work / 'runs').glob('*__seed*')):
        name, seed = r.name.split('__seed')[0], r.name.split('__seed')[1]
        kind = 'val' if name in VAL else 'test'
        if a.sets in (kind, 'all'): runs.append((kind, name, seed, r))
    seen = {(j['run'], j['readout']) for j in map(json.loads, out.read_text().splitlines())} if out.exists() else set()
    if a.again: seen = set()  # read again with this code: the table keeps each run's newest row per readout
    import subprocess
    code = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    for kind, name, seed, run in runs:
        if a.only and name not in a.only: continue
        if a.seeds and str(seed) not in a.seeds: continue
        asked = ['paper'] if run.name.endswith('paperloss') else [r for r in a.readouts if r != 'paper']
        if str(seed) != '0': asked = [r for r in asked if not r.startswith('start-')]  # the contributions: training seed 0
        want = [r for r in asked if (str(run), r) not in seen]
        if not want or not _trained(run): continue
        for row in read_run(run, ['network-refined'] + [r for r in want if r != 'network-refined'] if 'auto' in want else want):
            if (str(run), row['readout']) in seen: continue
            row = dict(set=name, kind=kind, training_seed=seed, run=str(run), code=code, **row)
            print(json.dumps(row), flush=True)
            with open(out, 'a') as f: f.write(json.dumps(row) + '\n')


COLUMNS = [  # readout: column title
    ('auto', 'default (`infer -k 4`)'), ('network-refined', '`--classes network`'), ('consensus', '`--classes consensus`'),
    ('network', 'network (`--refine 0`)'), ('baseline', 'power spectrum + GMM'),
    ('start-baseline', '`--classes network` from the baseline\'s classes'), ('start-random', '`--classes network` from random classes'),
    ('paper', "paper's loss and readout")]
PAPER_SAP = {'test_distinct_snr0.1_mwa30': 0.60, 'test_distinct_snr0.01_mwa30': 0.46, 'snr0.1_mwa0': 0.63, 'snr0.1_mwa30': 0.60,
             'snr0.01_mwa0': 0.49, 'snr0.01_mwa30': 0.46}  # the paper's Table 1, MCL, for the setting of the same SNR and wedge


def _cell(vals):
    import numpy as np
    if not vals: return '–'
    return f'{vals[0]:.3f}' if len(vals) == 1 else f'{np.mean(vals):.3f} ± {np.std(vals):.3f} (n={len(vals)})'


def cmd_table(a):
    "The validation and test tables: ARI per set and readout (mean ± spread over training seeds), SAP, the default's choice."
    import subprocess
    from cryomorph.benchmark import machine_description
    rows = [json.loads(l) for l in (Path(a.work) / 'readouts.jsonl').read_text().splitlines()]
    rows = list({(r['run'], r['readout']): r for r in rows}.values())  # a run read again (`readouts --again`): its newest row
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    print(f"# The readout protocol: validation and test\n\nMachine: {machine_description()}  \nDate: {time.strftime('%Y-%m-%d')}; "
          f"code {commit}  \nCommands:\n\n```\npython bench/readout_protocol.py data --work {a.work} --seeds 0\n"
          f"python bench/readout_protocol.py data --work {a.work} --only test_distinct_snr0.01_mwa30 --seeds 0 --loss paper\n"
          f"python bench/readout_protocol.py data --work {a.work} --only test_distinct_snr0.01_mwa30 --seeds 1 2\n"
          f"python bench/readout_protocol.py data --work {a.work} --only test_distinct_snr0.1_mwa30 --seeds 1 2 --threads 1\n"
          f"python bench/readout_protocol.py data --work {a.work} --only val_variants_barrel val_variants_barrel3 --seeds 0 --threads 1\n"
          f"python bench/readout_protocol.py data --work {a.work} --only test_variants_4v94 test_variants_2uv8 --seeds 1 2 --threads 1\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --bench BENCH_OUT --sets val\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --sets val --only val_variants_barrel val_variants_barrel3 --readouts network-refined auto baseline start-baseline start-random consensus --threads 1\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --sets test\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --sets test --only test_variants_4v94 test_variants_2uv8 --readouts network-refined auto consensus --threads 1\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --sets test --only test_variants_4v94 test_variants_2uv8 --readouts network-refined auto --threads 1\n"
          f"python bench/readout_protocol.py data --work {a.work} --only test2_variants_barrel4 test2_variants_2uv8 test2_variants_4cr2 --seeds 0 1 --threads 1\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --sets test --only test2_variants_barrel4 test2_variants_2uv8 test2_variants_4cr2 --readouts network-refined auto baseline --threads 1\n"
          f"python bench/readout_protocol.py data --work {a.work} --only test_variants_4v94 test_variants_2uv8 val_variants_4v7r --seeds 0 1 2 --threads 1\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --sets test --only test_variants_4v94 test_variants_2uv8 --readouts network-refined auto --threads 1 --again\n"
          f"python bench/readout_protocol.py readouts --work {a.work} --sets val --only val_variants_4v7r --readouts network-refined auto baseline start-baseline start-random --threads 1 --again\n"
          f"python bench/readout_protocol.py table --work {a.work}\n```\n\n"
          "BENCH_OUT is a `cryomorph benchmark OUT --scale cpu` folder (its runs are the validation set's bundled structures "
          "and hard set). Every set: 600 particles (150 per structure), box 48 at 7.5 Å, trained 50 epochs with the `cpu` "
          "preset; inference seed 0. ARI per readout; several training seeds: mean ± standard deviation (n). The default "
          "(`infer -k 4`) keeps the network's classes refined or consensus classes, by the least alike pair of refined class "
          "averages (threshold 0.15, chosen on the validation table alone). Consensus classes of a consensus whose turned copies "
          "all fit it at 0.85 or more (since cea6e7c; before it, its best peak had to reach 0.85 too) measure each particle at "
          "every symmetric copy of its pose (the rows of the "
          "variants sets were read out so; on the asymmetric ones nothing changes; the symmetric validation sets, "
          "`val_variants_barrel` and `val_variants_barrel3`, are where that was built).")
    for kind in ('val', 'test'):
        rs = [r for r in rows if r['kind'] == kind]
        if not rs: continue
        sets = list(dict.fromkeys(r['set'] for r in rs))
        cols = [(c, t) for c, t in COLUMNS if any(r['readout'] == c for r in rs)]
        print(f"\n### {'Validation' if kind == 'val' else 'Test'}: ARI\n")
        mates = any('ari_shapes' in r for r in rs)  # a set with variants that are one shape up to the complex's symmetry
        print('| set | ' + ' | '.join(t for _, t in cols) + (' | default, against shapes (symmetry mates one class)' if mates else '') +
              ' | SAP (network) | SAP, paper | the default kept (least alike pair) |')
        print('|---' * (len(cols) + 4 + mates) + '|')
        for st in sets:
            def vals(c, key='ari', loss=''):
                return [r[key] for r in rs if r['set'] == st and r['readout'] == c and r.get(key) is not None
                        and r['run'].endswith('paperloss') == (c == 'paper')]
            auto = [r for r in rs if r['set'] == st and r['readout'] == 'auto']
            kept = ', '.join(f"{'consensus' if r['kept'] == 'consensus' else 'network'} "
                             f"({next(q for q in rs if q['run'] == r['run'] and q['readout'] == 'network-refined')['choice']['least']:.2f})" for r in auto)
            print(f'| {st} | ' + ' | '.join(_cell(vals(c)) for c, _ in cols) + (f" | {_cell(vals('auto', 'ari_shapes'))}" if mates else '') +
                  f" | {_cell(vals('network', 'sap'))} | "
                  f"{PAPER_SAP.get(st, '–')} | {kept or '–'} |")
        print('\nthe network\'s share (ARI of `--classes network` from the network\'s classes, minus the same readout from '
              'random classes / from the baseline\'s classes, on the same trained run: training seed 0):\n')
        for st in sets:
            v = {c: [r['ari'] for r in rs if r['set'] == st and r['readout'] == c and str(r['training_seed']) == '0']
                 for c in ('network-refined', 'start-random', 'start-baseline')}
            if all(v.values()):
                print(f"- {st}: {v['network-refined'][0] - v['start-random'][0]:+.3f} / {v['network-refined'][0] - v['start-baseline'][0]:+.3f}")
        secs = {c: [r['seconds'] for r in rs if r['readout'] == c] for c, _ in cols}
        print('\nseconds per readout (mean over runs, 600 particles, this machine): ' +
              ', '.join(f'{c} {sum(v) / len(v):.0f}' for c, v in secs.items() if v))


def cmd_variants(a):
    """How far each variants set's structures are from the original (best correlation over rotations at the training
    box, 24), and which of them are one shape up to the original's symmetry (`symmetry_mates`)."""
    import torch
    from cryomorph.benchmark import hard_templates
    from cryomorph.align import class_similarity
    from cryomorph.fourier import fourier_crop, soft_sphere_mask
    from cryomorph.io import read_mrc
    sets = {'hard_snr0.1_mwa30 (validation)': hard_templates(base='4cr2')}
    for n, spec in {**VAL, **TEST}.items():
        tpl = sorted((Path(a.work) / 'data' / f'{n}_templates').glob('class_*.mrc'))
        if spec[0] == 'variants': sets[f'{n} ({"validation" if n in VAL else "test"})'] = hard_templates(**spec[4])
        elif spec[0] == 'symmetric' and tpl:
            sets[f'{n} ({"validation" if n in VAL else "test"})'] = (torch.stack([torch.from_numpy(read_mrc(f)[0].copy()) for f in tpl]),
                                                                      [f.stem for f in tpl])
    for name, (v, names) in sets.items():
        C = class_similarity(fourier_crop(v.float(), 24) * soft_sphere_mask(24))[0]
        mates = symmetry_mates(list(v))
        same = [f'{names[i]} = {names[j]}' for i in range(len(v)) for j in range(i + 1, len(v)) if mates[i] == mates[j]]
        print(f"{name}: " + ', '.join(f'{names[0]} vs {n}: {C[0, i]:.3f}' for i, n in enumerate(names) if i) +
              f"; {len(set(mates))} shapes" + (f" ({'; '.join(same)}: one shape up to the symmetry)" if same else ''), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    d = sub.add_parser('data', help='simulate the sets and train a network on each')
    d.add_argument('--work', default='/tmp/cryomorph_protocol')
    d.add_argument('--sets', choices=['val', 'test', 'all'], default='all')
    d.add_argument('--only', nargs='*', help='only these sets')
    d.add_argument('--seeds', type=int, nargs='+', default=[0], help='training seeds')
    d.add_argument('--threads', type=int, default=0, help='torch threads (0: torch chooses)')
    d.add_argument('--loss', choices=['cryomorph', 'paper'], default='cryomorph', help="the training loss ('paper': runs named RUN__paperloss)")
    r = sub.add_parser('readouts', help='read every trained run out with each readout; rows appended to WORK/readouts.jsonl')
    r.add_argument('--work', default='/tmp/cryomorph_protocol')
    r.add_argument('--bench', help="a benchmark folder whose runs join the validation set (`cryomorph benchmark OUT --scale cpu`)")
    r.add_argument('--sets', choices=['val', 'test', 'all'], default='all')
    r.add_argument('--only', nargs='*', help='only these sets')
    r.add_argument('--readouts', nargs='+', default=['network-refined', 'auto', 'baseline', 'start-baseline', 'start-random'],
                   help="network-refined, consensus, auto (the default: consensus is computed where it keeps it), baseline, "
                        "start-baseline, start-random, paper")
    r.add_argument('--threads', type=int, default=0)
    r.add_argument('--seeds', nargs='*', help='only the runs of these training seeds')
    r.add_argument('--again', action='store_true', help='read runs out again even if WORK/readouts.jsonl has their rows '
                   '(the table keeps the newest row of each run and readout)')
    t = sub.add_parser('table', help='print the validation and test tables (markdown)')
    t.add_argument('--work', default='/tmp/cryomorph_protocol')
    v = sub.add_parser('variants', help="how far each variants set's structures are from the original (correlation at box 24), and which are one shape")
    v.add_argument('--work', default='/tmp/cryomorph_protocol', help='where the symmetric sets were built (`data`)')
    a = p.parse_args()
    {'data': cmd_data, 'readouts': cmd_readouts, 'table': cmd_table, 'variants': cmd_variants}[a.cmd](a)


if __name__ == '__main__': main()
