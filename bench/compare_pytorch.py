#!/usr/bin/python3
"""Trains the speed issue's workloads W1-W3 in PyTorch and in Gakushu, alternating, and prints
the ratio of their training throughputs (samples per second).

    /usr/bin/python3 bench/compare_pytorch.py [--threads 1,2] [--rounds 2] [--workloads W1,W2,W3]

Needs Debian's python3-torch with OpenBLAS behind it (apt-get install libopenblas0-pthread: Debian's
PyTorch calls whatever libblas.so.3 is, and the reference BLAS is 30x slower) and ./gakushu.
Each PyTorch measurement runs in its own process with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set
to the thread count, so that both libraries use the same number of threads. Both sides train on random normal inputs
with random labels, cycling through 50 distinct batches, warm up first, then time 3
repetitions of 300 steps and report the median (a step: forward, loss, backward, update).
Each round runs PyTorch and Gakushu back to back for every workload and thread count, so the
ratios compare measurements taken under the same machine load.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOADS = {
    "W1": dict(hidden=[100, 100, 100, 100], batch=100, bn_dropout=False, optimizer="adam"),
    "W2": dict(hidden=[100, 100, 100, 100], batch=100, bn_dropout=True, optimizer="adam"),
    "W3": dict(hidden=[1024, 1024], batch=256, bn_dropout=False, optimizer="momentum"),
}


def build(spec):
    layers, width = [], 784
    for h in spec["hidden"]:
        layers.append(torch.nn.Linear(width, h))
        torch.nn.init.kaiming_normal_(layers[-1].weight, nonlinearity="relu")
        if spec["bn_dropout"]:
            layers += [torch.nn.BatchNorm1d(h), torch.nn.ReLU(), torch.nn.Dropout(0.2)]
        else:
            layers.append(torch.nn.ReLU())
        width = h
    layers.append(torch.nn.Linear(width, 10))
    model = torch.nn.Sequential(*layers)
    if spec["optimizer"] == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
    return model, opt


def torch_rate(name, threads, warmup=3.0, repetitions=3, steps=300):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    spec = WORKLOADS[name]
    model, opt = build(spec)
    model.train()
    loss_fn = torch.nn.CrossEntropyLoss()
    xs = [torch.randn(spec["batch"], 784) for _ in range(50)]
    ys = [torch.randint(0, 10, (spec["batch"],)) for _ in range(50)]

    def step(i):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xs[i % 50]), ys[i % 50])
        loss.backward()
        opt.step()

    i, start = 0, time.perf_counter()
    while time.perf_counter() - start < warmup:
        step(i)
        i += 1
    rates = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        for _ in range(steps):
            step(i)
            i += 1
        rates.append(steps * spec["batch"] / (time.perf_counter() - t0))
    return statistics.median(rates)


def torch_rate_in_process(name, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--torch-only", name, "--threads", str(threads)],
                         check=True, capture_output=True, text=True, env=env).stdout
    return float(out.strip().splitlines()[-1])


def gakushu_rate(name, threads):
    out = subprocess.run([os.path.join(ROOT, "gakushu"), "bench", "--workload", name, "--threads", str(threads), "--json"],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["samples_per_second"], result["kernel"], result["java"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,%d" % os.cpu_count())
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workloads", default="W1,W2,W3")
    parser.add_argument("--torch-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.torch_only:
        print(torch_rate(args.torch_only, int(args.threads)))
        return 0
    threads = sorted({int(t) for t in args.threads.split(",")})
    names = args.workloads.split(",")
    results = {}
    for r in range(args.rounds):
        for name in names:
            for t in threads:
                tr = torch_rate_in_process(name, t)
                gr, kernel, java = gakushu_rate(name, t)
                results.setdefault((name, t), []).append((tr, gr))
                print("round %d %s threads %d: PyTorch %.0f, Gakushu %.0f samples/s (%s, Java %s)"
                      % (r + 1, name, t, tr, gr, kernel, java), flush=True)
    print("\nmedian over rounds (PyTorch %s)" % torch.__version__)
    print("| workload | threads | PyTorch samples/s | Gakushu samples/s | Gakushu / PyTorch |")
    print("|---|---|---|---|---|")
    for (name, t), pairs in sorted(results.items()):
        tr = statistics.median(p[0] for p in pairs)
        gr = statistics.median(p[1] for p in pairs)
        print("| %s | %d | %.0f | %.0f | %.2f |" % (name, t, tr, gr, gr / tr))


if __name__ == "__main__":
    sys.exit(main())
