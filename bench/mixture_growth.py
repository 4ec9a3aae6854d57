"""How the mixture stage of `cryomorph infer` grows with the number of particles, measured on its own.

`bench/scale.py` times every stage of a whole readout at 600, 2,400 and 9,600 particles; the mixture takes 0.07 to
1.5 s there, too little for three points to fix its growth exponent. This script times `infer.fit_gmm` (K = 4, the
five restarts `infer` uses) alone, on latents of the shape `infer` fits (16 dimensions), from 600 to 38,400 particles,
several times each, and fits the exponent to the medians.

    python bench/mixture_growth.py                      # synthetic latents: four clusters, well apart and close
    python bench/mixture_growth.py --z RUN/embedding_cache/rotations32_seed0.npz   # a run's own latents, resampled

Latents: `--z` takes a run's embedded latents (600 particles) and draws each size from them with replacement, each
draw moved by a twentieth of the latents' spread so that no two points coincide; without it, four Gaussian clusters
in 16 dimensions whose centres are 6 (apart) or 1.5 (close) standard deviations from each other.
"""
import argparse, time
import numpy as np


def latents(kind: str, n: int, rng, z=None) -> np.ndarray:
    if z is not None:
        return z[rng.integers(0, len(z), n)] + rng.normal(0, 0.05 * z.std(0), (n, z.shape[1]))
    sep = {'apart': 6., 'close': 1.5}[kind]
    centres = rng.normal(0, sep / np.sqrt(2), (4, 16))
    return centres[rng.integers(0, 4, n)] + rng.normal(0, 1, (n, 16))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--sizes', type=int, nargs='+', default=[600, 2400, 9600, 38400])
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--z', help="a run's embedding cache (npz with 'z')")
    p.add_argument('--threads', type=int, default=1)
    a = p.parse_args()
    from threadpoolctl import threadpool_limits
    from cryomorph.infer import fit_gmm
    z = np.load(a.z)['z'] if a.z else None
    kinds = ['run latents'] if z is not None else ['apart', 'close']
    print(f"fit_gmm (K = 4, 5 restarts), {a.threads} thread(s); median of {a.repeats} fits per size, sizes interleaved; "
          f"in brackets the EM iterations of the restart kept\n")
    print('| latents | ' + ' | '.join(f'{n:,}' for n in a.sizes) + ' | growth exponent | exponent from 2,400 up |')
    print('|---' * (len(a.sizes) + 3) + '|')
    with threadpool_limits(a.threads):
        for kind in kinds:
            rng = np.random.default_rng(0)
            data = {n: latents(kind, n, rng, z) for n in a.sizes}
            secs, iters = {n: [] for n in a.sizes}, {n: [] for n in a.sizes}
            for _ in range(a.repeats):  # interleaved: a change in the machine's load touches every size alike
                for n in a.sizes:
                    t0 = time.perf_counter(); g = fit_gmm(data[n], 4, seed=0)[2]; secs[n].append(time.perf_counter() - t0)
                    iters[n].append(g.n_iter_)
            med = np.array([np.median(secs[n]) for n in a.sizes])
            x = np.log(a.sizes)
            slope = np.polyfit(x, np.log(med), 1)[0]
            big = np.array(a.sizes) >= 2400
            slope_big = np.polyfit(x[big], np.log(med[big]), 1)[0] if big.sum() >= 2 else float('nan')
            print(f'| {kind} | ' + ' | '.join(f'{m:.3f} s ({int(np.median(iters[n]))})' for m, n in zip(med, a.sizes)) +
                  f' | {slope:.2f} | {slope_big:.2f} |', flush=True)


if __name__ == '__main__':
    main()
