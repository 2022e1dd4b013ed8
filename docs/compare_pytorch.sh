#!/usr/bin/env bash
# Runs vae4j and the PyTorch peer (docs/reference_vae_pytorch.py) alternately in one session and
# prints each pair's throughput and the ratio. Benchmark only: the product never depends on Python.
#
#   bash docs/compare_pytorch.sh [--pairs N] [--epochs E] [--iw-images N] [--mnist DIR] [train|iw|all]
#
#   train  `./vae bench` at its default threads and at --threads 1, against PyTorch on one thread
#          (OpenBLAS too) and on both cores in its fastest setting here (1 intra-op thread, 2 OpenBLAS
#          threads; 2 and 2 runs at a third of that); batch 100, the paper's 784-500-10 model, Adam.
#          A figure is the median images/s of epochs 2..E (the first warms up). The ratios: vae4j's
#          default against PyTorch's faster setting, and one thread against one thread.
#   iw     the importance-weighted log p(x) (K = 1000) on the first --iw-images test images:
#          `./vae evaluate` (whose time is almost all that estimate) against the same estimator in
#          PyTorch at its best thread count, on a model each side trained for one epoch (the time
#          does not depend on the weights).
#
# Needs Debian's python3-torch and libopenblas0-pthread (apt-get install python3-torch
# libopenblas0-pthread); PyTorch runs in Debian's /usr/bin/python3. MNIST comes from --mnist, else
# the vae4j cache (~/.cache/vae4j/mnist, filled by any ./vae command). Takes about 4 minutes per
# training pair and, with all 10,000 test images, about 9 minutes per IW pair.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAIRS=3
EPOCHS=3
IW_IMAGES=10000
MNIST="${HOME}/.cache/vae4j/mnist"
WHAT=all
PY=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) PAIRS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --iw-images) IW_IMAGES="$2"; shift 2 ;;
    --mnist) MNIST="$2"; shift 2 ;;
    train|iw|all) WHAT="$1"; shift ;;
    *) echo "compare_pytorch: unknown argument '$1'; see the usage at the top of $0" >&2; exit 2 ;;
  esac
done
[ "$EPOCHS" -ge 2 ] || { echo "compare_pytorch: --epochs must be >= 2 (the first warms up)" >&2; exit 2; }
"$PY" -c 'import torch' 2>/dev/null || {
  echo "compare_pytorch: $PY cannot import torch; apt-get install python3-torch libopenblas0-pthread" >&2; exit 1; }
[ -f "$MNIST/train-images-idx3-ubyte" ] || {
  echo "compare_pytorch: no MNIST IDX files in $MNIST; run any ./vae command once, or pass --mnist DIR" >&2; exit 1; }
REF="$ROOT/docs/reference_vae_pytorch.py"
VAE="$ROOT/vae"
"$VAE" models >/dev/null   # builds vae4j first, outside the timings

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
vae_bench() {   # images/s of ./vae bench with extra options
  "$VAE" bench --epochs "$EPOCHS" "$@" 2>/dev/null | sed -n 's/.*"imagesPerSecond":\([0-9.]*\).*/\1/p'
}
torch() {   # the reference with N OpenBLAS threads and 1 intra-op thread
  local n="$1"; shift
  "$PY" "$REF" "$MNIST" 0 "$@" --threads 1 --blas-threads "$n"
}
torch_bench() {   # median images/s of epochs 2..E of the reference with N OpenBLAS threads
  torch "$1" "$EPOCHS" | awk '/^epoch/ && $2 > 1 {print $4}' | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

if [ "$WHAT" != iw ]; then
  echo "training throughput, batch 100, $EPOCHS epochs per run (images/s, median of epochs 2..$EPOCHS)"
  printf '%-5s %14s %14s %14s %14s %10s %10s\n' pair vae4j-default vae4j-1thread torch-1thread torch-2blas default/best 1t/1t
  for i in $(seq "$PAIRS"); do
    d=$(vae_bench); t1=$(torch_bench 1); o=$(vae_bench --threads 1); t2=$(torch_bench 2)
    best=$(awk -v a="$t1" -v b="$t2" 'BEGIN {print (a > b) ? a : b}')
    printf '%-5s %14.0f %14.0f %14.0f %14.0f %10s %10s\n' "$i" "$d" "$o" "$t1" "$t2" "$(ratio "$d" "$best")" "$(ratio "$o" "$t1")"
  done
fi

if [ "$WHAT" != train ]; then
  MODEL="$(mktemp -d)/vae"
  trap 'rm -rf "$(dirname "$MODEL")"' EXIT
  "$VAE" train --model vae --epochs 1 --out "$MODEL" >/dev/null 2>&1
  echo "importance-weighted log p(x), K = 1000, first $IW_IMAGES test images (seconds)"
  printf '%-5s %14s %14s %14s %10s\n' pair vae4j-default torch-1thread torch-2blas best/vae4j
  for i in $(seq "$PAIRS"); do
    s=$(date +%s.%N)
    "$VAE" evaluate --model-dir "$MODEL" --iw-images "$IW_IMAGES" >/dev/null 2>&1
    v=$(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN {print e - s}')
    t1=$(torch 1 1 --iw 1000 --iw-images "$IW_IMAGES" | sed -n 's/^IW .*: \([0-9.]*\)s,.*/\1/p')
    t2=$(torch 2 1 --iw 1000 --iw-images "$IW_IMAGES" | sed -n 's/^IW .*: \([0-9.]*\)s,.*/\1/p')
    best=$(awk -v a="$t1" -v b="$t2" 'BEGIN {print (a < b) ? a : b}')
    printf '%-5s %14.1f %14.1f %14.1f %10s\n' "$i" "$v" "$t1" "$t2" "$(ratio "$best" "$v")"
  done
fi
