#!/usr/bin/env python
"""Train with two CPU processes through Hugging Face Accelerate, then load the checkpoint.

    python bench/accelerate_cpu.py [--out /tmp/cryomorph_ddp] [--launcher accelerate|torchrun]

Simulates a tiny set (4 x 8 particles of the bundled structures, box 48), then runs
`accelerate launch --multi_gpu --num_processes 2 bench/accelerate_cpu.py --worker STAR RUN`. On a machine
without a GPU, Accelerate then starts two CPU processes (DistributedType.MULTI_CPU, gloo) and
`cryomorph.train.train` gives each its half of every epoch, DistributedDataParallel averaging the
gradients. (`accelerate launch --cpu --num_processes 2` starts two processes only through mpirun; without
it, it starts one. `torchrun --nproc_per_node 2` works too: `--launcher torchrun`.) The same script runs
unchanged on several GPUs. Prints the run's config (processes, device), its log and whether
`open_run(RUN).network()` rebuilds the network from the checkpoint.
"""
import argparse, os, subprocess, sys
from pathlib import Path

TINY = dict(preset='cpu', box=16, widths=[8, 8, 16, 16], hidden=32, latent=4, epochs=2, batch_size=4,
            mcl_n=8, select_box=8)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default='/tmp/cryomorph_ddp')
    p.add_argument('--launcher', default='accelerate', choices=['accelerate', 'torchrun'])
    p.add_argument('--worker', nargs=2, metavar=('STAR', 'RUN'), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.worker:
        from cryomorph.train import train
        train(a.worker[0], a.worker[1], TINY, progress=False)
        return
    from cryomorph.simulate import simulate
    out = Path(a.out)
    star = simulate(out / 'set', n_per_class=8, snr=0.1, mwa_deg=30., seed=0, progress=False)
    run = out / f'run_{a.launcher}'
    launch = (['accelerate', 'launch', '--multi_gpu', '--num_processes', '2', '--num_machines', '1',
               '--mixed_precision', 'no', '--dynamo_backend', 'no'] if a.launcher == 'accelerate'
              else ['torchrun', '--nproc_per_node', '2'])
    cmd = launch + [__file__, '--worker', str(star), str(run)]
    print('$', ' '.join(cmd), flush=True)
    r = subprocess.run(cmd, env=dict(os.environ, OMP_NUM_THREADS='1'))
    if r.returncode: sys.exit(f"the 2-process run failed (exit code {r.returncode})")
    from cryomorph.run import open_run
    import torch, numpy as np
    r = open_run(run)
    model, info = r.network(), r.config
    print(f"config: {info['num_processes']} processes on {info['device']}, mixed precision {info['mixed_precision']}")
    print((run / 'log.csv').read_text())
    x = torch.from_numpy(np.load(run / 'particles.npy')[:4])[:, None]
    with torch.no_grad(): R, t, z, d = model(x)
    print(f"checkpoint loaded with weights_only=True: z {tuple(z.shape)}, decoded {tuple(d.shape)}")


if __name__ == '__main__': main()
