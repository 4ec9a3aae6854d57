#!/usr/bin/env python
"""The benchmark's current results under one stable name: bench/results/benchmark-cpu.json and benchmark-cpu.md.

    python bench/collect_benchmark.py                  # reads the dated files in SOURCES, writes the two files
    python bench/collect_benchmark.py --results DIR    # another results folder

Reads the rows `cryomorph benchmark` wrote (its results.json, kept as dated files in bench/results/), only the files
in SOURCES, oldest first, and writes one row per (setting, method, readout), each with:
  - `readout`: how the classes were read out of the trained run, with `infer` the matching `cryomorph infer` call:
    "network" the network's classes alone (`infer RUN -k 4 --refine 0`, the method's own row in the benchmark),
    "network classes" the network's classes refined (refine 1, reassign 4: `infer RUN -k 4 --classes network`, what
    `infer RUN -k 4` gave before its default chose between readouts), "default" what `cryomorph infer RUN -k 4` gives now,
    "refine N reassign M", "overcluster F" (the network's classes with `--overcluster F`), "consensus" (`--classes consensus`),
    as the source row's `align` records it; "power spectrum + GMM" for the baseline, which learns nothing;
  - `ari`, `accuracy`, `auc_fsc` (`auc_fsc_of`: the network's decoded templates, or the readout's class averages)
    for seed 0 (the benchmark trains and reads out with the same seed); `ari_seeds` where the readout exists for more seeds;
  - `paper_ari`, `paper_accuracy`, `paper_auc_fsc`: the paper's Table 1 (`cryomorph.benchmark.PAPER`), where it has them;
  - `source`: the dated file the row came from. When several sources hold the same row (the same trained run), the
    earliest is named; when a later source holds different figures (a rerun), it replaces the earlier one and
    `supersedes` names the file it replaced.
The Markdown adds the cost per epoch of the training runs (Table 2 of `cryomorph.benchmark.results_markdown`). The
output holds no time stamp, so running the script again on the same sources writes the same files.
"""
import argparse, json
from pathlib import Path

SOURCES = [  # oldest first; each a results.json written by `cryomorph benchmark`
    '2026-11-25-cpu.json',                            # the whole table: network's classes and baseline, five settings
    '2026-11-26-cpu-aligned8.json',                   # MCL, four settings: refine 3, reassign 8
    '2026-11-26-cpu-snr001-harmony3d-aligned8.json',  # MCL and Harmony3D at SNR 0.01: refine 3, reassign 8
    '2026-11-26-cpu-snr001-infer-default.json',       # MCL and Harmony3D at SNR 0.01: infer's defaults
    '2026-11-26-cpu-snr01-infer-default.json',        # MCL at SNR 0.1: infer's defaults
    '2026-11-26-cpu-seeds-infer-default.json',        # MCL at SNR 0.1, 30°, training seeds 0-2: network and defaults
    '2026-11-27-cpu-hard-consensus.json',             # the hard set rerun: network's classes and consensus classes
    '2026-12-06-redesign-rerun.json',                 # SNR 0.01, 30° rerun after the upper floors were redesigned
    '2026-12-06-cpu-relion.json',                     # all five settings in one run: MCL, RELION 3D classification, baseline
]
METHODS = ('mcl', 'harmony3d', 'relion', 'baseline')
METHOD_NAMES = {'mcl': 'cryomorph (MCL)', 'harmony3d': 'Harmony3D (--no-mcl)', 'relion': 'RELION 3D classification',
                'baseline': 'power spectrum + GMM'}
RELION = 'RELION 3D classification'
BASELINE = 'power spectrum + GMM'


def readout_name(align) -> str:
    "The readout a row's `align` key ([refine, reassign, 'consensus'?, 'overcluster F'?]) records; None: the network's."
    if align is None: return 'network'
    refine, reassign, *rest = align
    over = [r for r in rest if str(r).startswith('overcluster')]
    if 'consensus' in rest:
        return ' '.join(['consensus'] + ([f'refine {refine}'] if refine else []) + ([f'reassign {reassign}'] if reassign else []))
    if 'auto' in rest: return 'default' if (refine, reassign) == (1, 4) else f'default refine {refine} reassign {reassign}'
    if (refine, reassign) == (1, 4): return over[0] if over else 'network classes'
    return ' '.join([f'refine {refine} reassign {reassign}'] + over)


def infer_command(align) -> str:
    "The `cryomorph infer` call that gives the readout."
    if align is None: return 'cryomorph infer RUN -k 4 --refine 0'
    refine, reassign, *rest = align
    args = []
    if 'consensus' in rest:
        args.append('--classes consensus')
        if refine: args.append(f'--refine {refine}')
        if reassign: args.append(f'--reassign {reassign}')
    else:
        if 'auto' not in rest and not any(str(r).startswith('overcluster') for r in rest): args.append('--classes network')
        if (refine, reassign) != (1, 4): args += [f'--refine {refine}', f'--reassign {reassign}']
    args += [f'--{r}' for r in rest if str(r).startswith('overcluster')]
    return ' '.join(['cryomorph infer RUN -k 4'] + args)


def expand(row: dict) -> list[dict]:
    "A source row as one or two readout rows: the method's own figures, and the aligned ones when it has them."
    base = {k: row.get(k) for k in ('setting', 'snr', 'mwa', 'hard', 'method', 'seed', 'n')}
    if row['method'] == 'baseline':
        return [dict(base, readout=BASELINE, infer=None, ari=row['ari'], accuracy=row['accuracy'], auc_fsc=None,
                     auc_fsc_of=None, seconds=row.get('seconds'))]
    if row['method'] == 'relion':
        return [dict(base, readout=RELION, infer=None, ari=row['ari'], accuracy=row['accuracy'], auc_fsc=row.get('auc_fsc'),
                     auc_fsc_of='class maps, box 24', seconds=row.get('seconds'), seconds_per_iteration=row.get('seconds_per_iteration'),
                     peak_memory_gb=row.get('peak_memory_gb'), relion=row.get('relion'), relion_command=row.get('relion_command'))]
    own = dict(base, readout='network', infer=infer_command(None), ari=row['ari'], accuracy=row['accuracy'],
               auc_fsc=row.get('auc_fsc'), auc_fsc_of='decoded templates',
               **{k: row[k] for k in ('auc_fsc_band', 'auc_fsc_ceiling', 'band_nyquist_A') if row.get(k) is not None},
               sap=row.get('sap'), seconds_per_epoch=row.get('seconds_per_epoch'), peak_memory_gb=row.get('peak_memory_gb'),
               epochs=row.get('epochs'))
    out = [own]
    if row.get('ari_aligned') is not None:
        a = row['align']
        out.append(dict(base, readout=readout_name(a), infer=infer_command(a), ari=row['ari_aligned'],
                        accuracy=row['accuracy_aligned'], auc_fsc=row.get('auc_fsc_refined'), auc_fsc_of='class averages',
                        seconds=row.get('align_seconds'), moved_per_round=row.get('moved_per_round'),
                        **({'merged_from': row['merged_from']} if 'merged_from' in row else {})))
    return out


def same(a: dict, b: dict) -> bool:
    "The same figures (the same trained run and readout, recorded twice)."
    return all(a.get(k) == b.get(k) for k in ('ari', 'accuracy', 'auc_fsc', 'n'))


def collect(results: Path) -> tuple[dict, dict]:
    "The collected results (one row per setting, method and readout) and every (setting, method, readout, seed) row found."
    from cryomorph.benchmark import PAPER, PAPER_SAP, SETTINGS
    found, sources = {}, []
    for name in SOURCES:
        res = json.loads((results / name).read_text())
        sources.append(dict(file=name, command=res['command'], date=res.get('date'), machine=res.get('machine'),
                            table=name.replace('.json', '.md')))
        for row in res['rows']:
            for r in expand(row):
                key = (r['setting'], r['method'], r['readout'], r['seed'])
                r['source'] = name
                if key not in found: found[key] = r
                elif not same(found[key], r): found[key] = dict(r, supersedes=found[key]['source'])
    order = {'network': 0, 'network classes': 1, 'default': 2, RELION: 5, BASELINE: 9}
    def rank(readout):
        return order.get(readout, 2 if readout.startswith('overcluster') else 3 if readout.startswith('refine') else 4)
    rows = []
    for (setting, method, readout) in sorted({k[:3] for k in found}, key=lambda k: (list(SETTINGS).index(k[0]),
                                                                                     METHODS.index(k[1]), rank(k[2]))):
        seeds = sorted(k[3] for k in found if k[:3] == (setting, method, readout))
        r = dict(found[(setting, method, readout, seeds[0])])
        if len(seeds) > 1:
            r['ari_seeds'] = {str(s): found[(setting, method, readout, s)]['ari'] for s in seeds}
            r['seeds_sources'] = sorted({found[(setting, method, readout, s)]['source'] for s in seeds})
        p = PAPER.get((setting, method), (None, None, None)) if method != 'baseline' else (None, None, None)
        r.update(paper_ari=p[0], paper_accuracy=p[1], paper_auc_fsc=p[2], paper_sap=PAPER_SAP.get((setting, method)))
        rows.append(r)
    return dict(scale='cpu', written_by='python bench/collect_benchmark.py', sources=sources,
                readouts={r['readout']: r['infer'] for r in rows if r['infer']}, rows=rows), found


def f3(x):
    return '–' if x is None else f'{x:.3f}'


def markdown(res: dict, found: dict, results: Path) -> str:
    "The collected rows as one table, then the training runs' cost per epoch (Table 2 of `results_markdown`)."
    from cryomorph.benchmark import SETTINGS, relion_markdown, results_markdown
    rows = res['rows']
    lines = ['# cryomorph benchmark, cpu scale: the current results', '',
             'One row per setting, method and readout, each from the dated file named in *source* (written by '
             '`cryomorph benchmark`; commands below). Written by `python bench/collect_benchmark.py`.', '',
             '150 particles per structure (600 per setting), box 48 at 7.5 Å, the `cpu` training preset for 50 epochs '
             '(box 24), two CPU cores; seed 0 (training and inference) unless *ARI* lists more seeds.', '',
             '| setting | method | readout | ARI | accuracy | AUC-FSC | SAP | ARI − baseline | paper ARI | paper accuracy | paper AUC-FSC | paper SAP | source |',
             '|---|---|---|---|---|---|---|---|---|---|---|---|---|']
    for r in rows:
        base = next((b['ari'] for b in rows if b['setting'] == r['setting'] and b['method'] == 'baseline'), None)
        delta = f"{r['ari'] - base:+.3f}" if base is not None and r['method'] != 'baseline' else '–'
        ari = f3(r['ari'])
        if 'ari_seeds' in r:
            ari += ' (seeds ' + ' / '.join(r['ari_seeds']) + ': ' + ' / '.join(f3(v) for v in r['ari_seeds'].values()) + ')'
        auc = f3(r['auc_fsc']) + (f" ({r['auc_fsc_of']})" if r['auc_fsc'] is not None else '')
        readout = f"{r['readout']} (`{r['infer'].replace('cryomorph infer RUN -k 4', 'infer -k 4')}`)" if r['infer'] else r['readout']
        src = f"[{r['source']}]({r['source'].replace('.json', '.md')})"
        if r.get('supersedes'): src += f" (rerun of {r['supersedes']})"
        more = [s for s in r.get('seeds_sources', []) if s != r['source']]
        if more: src += '; other seeds: ' + ', '.join(f"[{s}]({s.replace('.json', '.md')})" for s in more)
        lines.append(f"| {r['setting']} | {METHOD_NAMES[r['method']]} | {readout} | {ari} | {f3(r['accuracy'])} | {auc} | {f3(r.get('sap'))} | "
                     f"{delta} | {f3(r['paper_ari'])} | {f3(r['paper_accuracy'])} | {f3(r['paper_auc_fsc'])} | {f3(r.get('paper_sap'))} | {src} |")
    lines += ['', "*AUC-FSC*: aligned against the true structures; *decoded templates* are the network's (decoded at box "
              "24, so nothing beyond 30 Å), *class averages* the readout's aligned averages at the particles' box. "
              "The paper's figures are its Table 1 (1,000 particles per structure, box 48, 200 epochs on a GPU, mean of "
              "three seeds), beside every readout of the same setting and method. *SAP*: how much better a linear "
              "classifier predicts the true class from the shape latent z than from the pose (the network's own rows; "
              "`cryomorph.metrics.sap_score`). RELION's class maps are at box 24 (15 Å), so nothing beyond 30 Å, and "
              "scored in the better of their two hands, since a featureless start leaves the hand open.", '',
              'Readouts that `cryomorph benchmark` did not record are not rows here: `--overcluster 2` on these runs '
              '(`bench/overcluster_readout.py`, [2026-11-26-overcluster-seeds.txt](2026-11-26-overcluster-seeds.txt)) '
              'and the network\'s classes over five training seeds at SNR 0.01 '
              '([2026-11-27-wedge-loss.txt](2026-11-27-wedge-loss.txt)).', '', '## Sources', '']
    for s in res['sources']:
        lines.append(f"- [{s['file']}]({s['table']}) ({s['date']}): `{s['command']}`")
    src_rows = []  # the source rows of the trained runs (those the network rows came from), for results_markdown's Table 2
    for name in SOURCES:
        for row in json.loads((results / name).read_text())['rows']:
            key = (row['setting'], row['method'], 'network', row['seed'])
            if row['method'] not in ('baseline', 'relion') and key in found and found[key]['source'] == name:
                src_rows.append(row)
    src_rows.sort(key=lambda r: (r['seed'], list(SETTINGS).index(r['setting']), METHODS.index(r['method'])))
    table2 = results_markdown(dict(scale='cpu', command='', rows=src_rows)).split('## Table 2', 1)[1]
    lines += ['', '## Training cost', '', 'The runs the rows above read out, as `cryomorph benchmark` timed them '
              '(wall-clock on two CPU cores), beside the paper\'s Table 2 (GPU).', '']
    lines += [l for l in table2.splitlines() if l.startswith('|')]
    lines += relion_markdown(rows)
    return '\n'.join(lines) + '\n'


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--results', type=Path, default=Path(__file__).resolve().parent / 'results',
                   help='the results folder (default: bench/results)')
    results = p.parse_args().results
    res, found = collect(results)
    (results / 'benchmark-cpu.json').write_text(json.dumps(res, indent=1, ensure_ascii=False) + '\n')
    (results / 'benchmark-cpu.md').write_text(markdown(res, found, results))
    print(f"wrote {results / 'benchmark-cpu.json'} and benchmark-cpu.md: {len(res['rows'])} rows from {len(SOURCES)} files")
