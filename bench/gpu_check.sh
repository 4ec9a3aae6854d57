#!/usr/bin/env bash
# The paper's Table 2 on a GPU: 2 epochs of the `paper` preset (box 48, N = 96 candidate poses) on 4,000
# simulated particles, then the default `cryomorph infer RUN -k 4`. Prints GPU-hours per epoch and peak GPU
# memory beside the paper's (0.05 GPU-h per epoch, 7 GB), and the seconds of every stage of infer.
#
#   bash bench/gpu_check.sh                      # CUDA (the default device)
#   bash bench/gpu_check.sh --device cpu         # 64 particles on the CPU: proves the script works
#   bash bench/gpu_check.sh --work /scratch/gc   # where the data and runs go (default /tmp/cryomorph_gpu_check)
#
# On a GPU the figures are the GPU's: the training log's peak memory is the CUDA allocator's peak, and infer
# runs every search on the device it picks. Nothing is downloaded: the four bundled structures are simulated.
set -euo pipefail
DEVICE=cuda
WORK=/tmp/cryomorph_gpu_check
while [ $# -gt 0 ]; do
  case "$1" in
    --device) DEVICE="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "gpu_check.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [ "$DEVICE" = cuda ]; then
  python -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 'no CUDA device here: run with --device cpu')"
  PER_CLASS=1000
else
  PER_CLASS=16
fi
mkdir -p "$WORK"
echo "device $DEVICE, $((4 * PER_CLASS)) particles, work folder $WORK"
cryomorph simulate "$WORK/sim" --n-per-class "$PER_CLASS" --snr 0.1 --mwa 30 -q
rm -rf "$WORK/run"
cryomorph train "$WORK/sim/particles.star" "$WORK/run" --preset paper --epochs 2 --device "$DEVICE" -q
cryomorph infer "$WORK/run" -k 4 --device "$DEVICE" -q > "$WORK/infer.log"
python - "$WORK" "$DEVICE" <<'EOF'
import json, sys
from pathlib import Path
import pandas as pd
work, device = Path(sys.argv[1]), sys.argv[2]
log = pd.read_csv(work / 'run' / 'log.csv')
cfg = json.loads((work / 'run' / 'config.json').read_text())
n = len(pd.read_csv(work / 'run' / 'analysis_k4' / 'classes.csv'))
h = log['seconds'].mean() / 3600
print(f"\ntraining: preset {cfg['train']['preset']}, box {cfg['train']['box']}, N = {cfg['train']['mcl_n']}, {n:,} particles, {len(log)} epochs on {device}")
print("| | hours per epoch | peak memory (GB) |\n|---|---|---|")
print(f"| this machine ({device}) | {h:.4f} | {log['peak_memory_mb'].max() / 1024:.2f} |")
print(f"| paper, Table 2 (4,000 particles, one GPU) | 0.05 | 7 |")
if n != 4000: print(f"(the paper's figure is for 4,000 particles; per 4,000 here: {h * 4000 / n:.4f} h per epoch)")
info = json.loads((work / 'run' / 'analysis_k4' / 'analysis.json').read_text())
print(f"\ninfer -k 4 (search {info['search']}, {info['processes']} process(es)): seconds per stage")
print("| stage | seconds |\n|---|---|")
for s, v in info['seconds'].items(): print(f"| {s} | {v:.1f} |")
print(f"| total | {sum(info['seconds'].values()):.1f} |")
EOF
