#!/usr/bin/env python
"""How the `fast` search's settings were chosen: one trained benchmark run read out with several `align.Search`
settings, each after the same embedding: seconds of the readout's stages and ARI.

    python bench/search_settings.py BENCH_OUT snr0.1_mwa30 '{"exhaustive": {}, "f6": {"coarse": 0.5, "top": 4, "coarse_rounds": 2, "rounds": 1, "n_perturb": 6, "boundary": 0.25}}'
    python bench/search_settings.py BENCH_OUT hard_snr0.1_mwa30 '{...}' --classes consensus --rotations 32 --seed 0

BENCH_OUT is a folder `cryomorph benchmark` wrote; SETTING names its run runs/SETTING__mcl__seed0. The JSON maps a
label to `align.Search` fields (an empty object is the exhaustive search). The network is read out once (`infer`
with --rotations), then `read_out` runs once per setting. Prints one JSON line per setting: the readout's seconds,
the seconds per stage (`cryomorph.train.stage`), particles moved per reassignment round, and ARI.
"""
import argparse, copy, json, time
from pathlib import Path


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('bench', type=Path)
    p.add_argument('setting')
    p.add_argument('searches', help='JSON: label -> align.Search fields')
    p.add_argument('--classes', default='network', choices=['network', 'consensus'])
    p.add_argument('--rotations', type=int, default=32, help='embedding rotations (infer n_rotations)')
    p.add_argument('--seed', type=int, default=0, help='inference seed')
    a = p.parse_args()
    import starfile, torch
    from sklearn.metrics import adjusted_rand_score
    import cryomorph.align as al, cryomorph.train as tr
    from cryomorph.infer import infer
    from cryomorph.readout import Readout, read_out
    run = a.bench / 'runs' / f'{a.setting}__mcl__seed0'
    truth = starfile.read(a.bench / 'data' / a.setting / 'particles.star')['particles']['rlnClassNumber'].to_numpy()
    base = infer(run, 4, progress=False, n_rotations=a.rotations, seed=a.seed)
    for label, fields in json.loads(a.searches).items():
        al.SEARCHES[label] = al.Search(**fields)
        an = copy.copy(base); an.arrays, an.info, an.labels = dict(base.arrays), dict(base.info), base.labels.copy()
        tr.STAGE_TIMES = {}
        t = time.perf_counter()
        read_out(an, Readout(classes=a.classes, search=label), seed=a.seed, progress=False)
        s = time.perf_counter() - t
        print(json.dumps(dict(setting=a.setting, classes=a.classes, rotations=a.rotations, seed=a.seed, search=label,
                              seconds=round(s, 1), ari=round(float(adjusted_rand_score(truth, an.labels)), 3),
                              moved=an.info.get('moved_per_round'), threads=torch.get_num_threads(),
                              **{k: round(v, 1) for k, v in tr.STAGE_TIMES.items()})), flush=True)


if __name__ == '__main__': main()
