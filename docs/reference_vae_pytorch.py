#!/usr/bin/env python3
# Benchmark peer only: the product never depends on Python. Usage:
#   /usr/bin/python3 docs/reference_vae_pytorch.py MNIST_DIR SEED EPOCHS [--beta B] [--conditional]
#       [--threads N] [--blas-threads M] [--iw K [--iw-images N]]
# Needs Debian python3-torch and libopenblas0-pthread (with the reference libblas, torch runs ~17x slower).
# Reference: the same models in PyTorch 1.13 (Debian python3-torch), 1 thread (--threads N for more).
# The thread count also limits OpenBLAS (OPENBLAS_NUM_THREADS, set before torch loads it; --blas-threads
# to differ): PyTorch's set_num_threads alone does not, and Debian's OpenBLAS then uses every core. On
# the 2-core machine PyTorch is fastest with --threads 1 --blas-threads 2.
# 784-500-10 tanh encoder, 10-500-784 tanh decoder, Bernoulli (BCE with logits, sum) on grayscale
# pixels, Adam 1e-3, batch 100, shuffled; trained on D + beta * R; test D, R and -ELBO with one
# posterior sample. --conditional: the one-hot label joins encoder input and code (vae4j's cvae).
# --iw K: after training, the importance-weighted estimate of log p(x) with K samples per image
# (Burda et al. 2016) on the first --iw-images test images, as vae4j's LikelihoodEstimator computes
# it (5,000 decoded rows at a time, log-sum-exp in double precision), timed.
import argparse, os, time, struct
p = argparse.ArgumentParser()
p.add_argument('mnist'); p.add_argument('seed', type=int); p.add_argument('epochs', type=int)
p.add_argument('--beta', type=float, default=1.0); p.add_argument('--conditional', action='store_true')
p.add_argument('--threads', type=int, default=1); p.add_argument('--blas-threads', type=int)
p.add_argument('--iw', type=int, default=0); p.add_argument('--iw-images', type=int, default=10000)
a = p.parse_args()
os.environ['OPENBLAS_NUM_THREADS'] = str(a.blas_threads or a.threads); os.environ['OMP_NUM_THREADS'] = str(a.threads)
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
def imgs(f):
    b = open(f, 'rb').read(); n = struct.unpack('>I', b[4:8])[0]
    return torch.from_numpy(np.frombuffer(b, np.uint8, offset=16).reshape(n, 784).astype(np.float32) / 255.)
def labels(f):
    b = open(f, 'rb').read()
    return F.one_hot(torch.from_numpy(np.frombuffer(b, np.uint8, offset=8).astype(np.int64)), 10).float()
tr, te = imgs(a.mnist + '/train-images-idx3-ubyte'), imgs(a.mnist + '/t10k-images-idx3-ubyte')
ytr, yte = labels(a.mnist + '/train-labels-idx1-ubyte'), labels(a.mnist + '/t10k-labels-idx1-ubyte')
k = 10 if a.conditional else 0
class VAE(nn.Module):
    def __init__(s, z=10):
        super().__init__(); s.e = nn.Linear(784 + k, 500); s.m = nn.Linear(500, z); s.v = nn.Linear(500, z)
        s.d1 = nn.Linear(z + k, 500); s.d2 = nn.Linear(500, 784)
    def forward(s, x, y):
        h = torch.tanh(s.e(torch.cat([x, y], 1) if k else x)); mu, lv = s.m(h), s.v(h)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        logits = s.d2(torch.tanh(s.d1(torch.cat([z, y], 1) if k else z)))
        D = F.binary_cross_entropy_with_logits(logits, x, reduction='none').sum(1)
        R = 0.5 * (mu.pow(2) + lv.exp() - 1 - lv).sum(1)
        return D, R
m = VAE(); opt = torch.optim.Adam(m.parameters(), 1e-3)
for ep in range(a.epochs):
    t = time.time(); perm = torch.randperm(60000)
    for i in range(0, 60000, 100):
        idx = perm[i:i+100]
        D, R = m(tr[idx], ytr[idx]); loss = (D + a.beta * R).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    el = time.time() - t
    with torch.no_grad():
        D, R = m(te, yte)
    print(f"epoch {ep+1} {el:.2f}s {60000/el:.0f} img/s test -ELBO {(D+R).mean():.2f} D {D.mean():.2f} R {R.mean():.2f}", flush=True)
if a.iw:
    LOG2PI = float(np.log(2 * np.pi))
    n = min(a.iw_images, te.shape[0]); K = a.iw
    b = max(1, min(100, 5000 // min(K, 5000))); c = max(1, min(K, 5000 // b))
    out = torch.empty(n, dtype=torch.float64); t = time.time()
    with torch.no_grad():
        for i in range(0, n, b):
            x, y = te[i:i+b], yte[i:i+b]; nb = x.shape[0]
            h = torch.tanh(m.e(torch.cat([x, y], 1) if k else x)); mu, lv = m.m(h), m.v(h); sd = torch.exp(0.5 * lv)
            parts = []
            for done in range(0, K, c):
                s_ = min(c, K - done)
                eps = torch.randn(nb, s_, mu.shape[1]); z = mu[:, None] + sd[:, None] * eps
                zc = torch.cat([z, y[:, None].expand(nb, s_, 10)], 2) if k else z
                logits = m.d2(torch.tanh(m.d1(zc.reshape(nb * s_, -1)))).reshape(nb, s_, 784)
                logpx = -F.binary_cross_entropy_with_logits(logits, x[:, None].expand(nb, s_, 784), reduction='none').sum(2)
                logpz = -0.5 * (z.pow(2) + LOG2PI).sum(2)
                logq = -0.5 * (eps.pow(2) + LOG2PI + lv[:, None]).sum(2)
                parts.append((logpx + logpz - logq).double())
            out[i:i+nb] = torch.logsumexp(torch.cat(parts, 1), 1) - np.log(K)
    el = time.time() - t
    print(f"IW K={K} on {n} test images: {el:.1f}s, log p(x) {out.mean():.4f} +- {1.96 * out.std() / n ** 0.5:.4f}", flush=True)
