#!/usr/bin/env python
"""`cryomorph infer RUN -k K` sharded over two processes (`accelerate launch`, CPU, gloo) against one process, on
copies of the same trained run, each process on the same number of threads, and every array of the two analyses
compared.

    python bench/two_processes.py RUN --work /tmp/two -k 4
    python bench/two_processes.py RUN --work /tmp/two -k 4 --threads 2   # threads per process

Each copy holds the run's checkpoints and particles only (no analysis, no embedding cache), so both embed from
scratch. Prints, per array of `embedding.npz`, whether the two are equal bit for bit, else the largest difference;
then the share of particles in the same final class and the ARI between the two labelings; the wall time of each.
Threads matter: the math libraries' sums over a thread's share of a product change with the number of threads, so
one process on two threads and one on one thread already differ in the last bits of the latents.
"""
import argparse, json, os, shutil, subprocess, sys, time
from pathlib import Path
import numpy as np


def copy_run(run: Path, to: Path):
    "The run's checkpoints, config and particles, without any analysis or cache."
    if to.exists(): shutil.rmtree(to)
    shutil.copytree(run, to, ignore=shutil.ignore_patterns('analysis_*', 'embedding_cache', 'stack_box*'))


def infer(cmd, log, threads):
    print('$', ' '.join(cmd), flush=True)
    t = time.perf_counter()
    with open(log, 'w') as f:
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=dict(os.environ, OMP_NUM_THREADS=str(threads)))
    if r.returncode: sys.exit(f"failed ({log}):\n" + Path(log).read_text()[-3000:])
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('run', type=Path)
    ap.add_argument('--work', type=Path, required=True)
    ap.add_argument('-k', default='4')
    ap.add_argument('--threads', type=int, default=1, help='threads per process, both runs')
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    one, two = a.work / 'one', a.work / 'two'
    copy_run(a.run, one); copy_run(a.run, two)
    bin_ = Path(sys.executable).parent
    t1 = infer([str(bin_ / 'cryomorph'), 'infer', str(one), '-k', a.k, '-q', '--device', 'cpu'], a.work / 'one.log', a.threads)
    t2 = infer([str(bin_ / 'accelerate'), 'launch', '--multi_gpu', '--num_processes', '2', '--num_machines', '1',
                '--mixed_precision', 'no', '--dynamo_backend', 'no', '--no_python', str(bin_ / 'cryomorph'), 'infer',
                str(two), '-k', a.k, '-q', '--device', 'cpu'], a.work / 'two.log', a.threads)
    from sklearn.metrics import adjusted_rand_score
    A, B = (np.load(next(d.glob('analysis_k*')) / 'embedding.npz') for d in (one, two))
    for key in A.files:
        x, y = A[key], B[key] if key in B.files else None
        if y is None or x.shape != y.shape: print(f'{key}: shapes {x.shape} and {None if y is None else y.shape}'); continue
        same = np.array_equal(x, y)
        print(f'{key} {x.shape}: ' + ('equal bit for bit' if same else
              f'largest difference {np.abs(x.astype(float) - y.astype(float)).max():.3g}, {int((x != y).sum())} of {x.size} values differ'))
    for name, d in (('one process', one), ('two processes', two)):
        info = json.loads((next(d.glob('analysis_k*')) / 'analysis.json').read_text())
        print(f"{name}: particles moved per reassignment round {info['moved_per_round']}, classes from {info['classes_from']}")
    print(f"final classes: {(A['labels'] == B['labels']).mean():.4f} of particles the same, "
          f"ARI between them {adjusted_rand_score(A['labels'], B['labels']):.3f}")
    print(f'wall: one process {t1:.0f} s, two processes {t2:.0f} s ({a.threads} thread(s) each)')


if __name__ == '__main__':
    main()
