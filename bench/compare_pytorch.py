#!/usr/bin/python3
"""Runs the speed issue's workloads in PyTorch at its best and in Gakushu, alternating, and prints
the ratios (Gakushu / PyTorch).

    /usr/bin/python3 bench/compare_pytorch.py [--threads 1,2] [--rounds 2] [--workloads W1,W2,W3,gemm]
        [--steps 300] [--avx2] [--torch PYTHON,PYTHON...]

W1-W3 compare training throughput (samples per second: forward, loss, backward, update);
"gemm" compares matrix products (GFLOPS) at 100x784x100, 256x784x1024 and 1024x1024x1024 (MxKxN)
in the forms NN (A.B), TN (A^T.B) and NT (A.B^T), torch.mm against `gakushu bench --workload gemm`.

PyTorch at its best (as its CPU performance guide advises):
- glibc's allocator keeps freed memory: M_MMAP_THRESHOLD and M_TRIM_THRESHOLD are raised with
  mallopt (through ctypes) before torch is imported. With the defaults, PyTorch returns every
  large freed tensor to the kernel and page-faults it back in on the next step (3x slower W1 on a
  Zen 5).
- OMP_WAIT_POLICY=PASSIVE, so that its OpenMP threads do not spin against each other (and against
  OpenBLAS's) when there are as many threads as cores.
- a warm-up of 3 seconds before timing.
Each PyTorch measurement runs in its own process with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set
to the thread count. Both sides train on random normal inputs with random labels, cycling through
50 distinct batches, then time 3 repetitions of --steps steps (300) and report the median. Each round runs
PyTorch and Gakushu back to back for every workload and thread count, so that the ratios compare
measurements taken under the same machine load; the table gives the medians over rounds.

--torch names the Python interpreters whose PyTorch builds to run (default: this interpreter), e.g.
`--torch /usr/bin/python3,V/bin/python` for Debian's 1.13 (OpenBLAS) and the 2.13 wheel (MKL and
oneDNN) in a venv V. Every build runs for every cell, in turn with Gakushu, and the ratio is taken
against the better build per cell, measured in the same round.

--avx2 runs both at 256-bit vectors on a machine with AVX-512: Gakushu with
GAKUSHU_JAVA_OPTS=-XX:UseAVX=2, PyTorch with ATEN_CPU_CAPABILITY=avx2, OPENBLAS_CORETYPE=Haswell,
MKL_ENABLE_INSTRUCTIONS=AVX2 and ONEDNN_MAX_CPU_ISA=AVX2.

Needs Debian's python3-torch with OpenBLAS behind it (apt-get install python3-torch
libopenblas0-pthread: Debian's PyTorch calls whatever libblas.so.3 is, and the reference BLAS is
30x slower) and ./gakushu.
"""
import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOADS = {
    "W1": dict(hidden=[100, 100, 100, 100], batch=100, bn_dropout=False, optimizer="adam"),
    "W2": dict(hidden=[100, 100, 100, 100], batch=100, bn_dropout=True, optimizer="adam"),
    "W3": dict(hidden=[1024, 1024], batch=256, bn_dropout=False, optimizer="momentum"),
}
GEMM_SHAPES = [(100, 784, 100), (256, 784, 1024), (1024, 1024, 1024)]
GEMM_FORMS = ["NN", "TN", "NT"]
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3


def tune_allocator():
    """Keeps freed memory in the process: must run before torch allocates anything."""
    libc = ctypes.CDLL("libc.so.6")
    libc.mallopt(M_MMAP_THRESHOLD, 64 << 20)
    libc.mallopt(M_TRIM_THRESHOLD, 256 << 20)


def build(torch, spec):
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


def torch_training_rate(torch, name, warmup=3.0, repetitions=3, steps=300):
    torch.manual_seed(1)
    spec = WORKLOADS[name]
    model, opt = build(torch, spec)
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


def torch_gemm_rates(torch, warmup=3.0, repetitions=3, seconds=0.2):
    """GFLOPS of torch.mm for every shape and form, each repetition timing every point in turn."""
    points = []
    for m, k, n in GEMM_SHAPES:
        for form in GEMM_FORMS:
            a = torch.randn(k, m).t() if form == "TN" else torch.randn(m, k)
            b = torch.randn(n, k).t() if form == "NT" else torch.randn(k, n)
            points.append(("%dx%dx%d" % (m, k, n), form, a, b, torch.empty(m, n), 2.0 * m * k * n))
    start = time.perf_counter()
    while time.perf_counter() - start < warmup:
        for p in points:
            torch.mm(p[2], p[3], out=p[4])
    rates = {(p[0], p[1]): [] for p in points}
    for _ in range(repetitions):
        for shape, form, a, b, c, flops in points:
            count, t0 = 0, time.perf_counter()
            while True:
                torch.mm(a, b, out=c)
                count += 1
                elapsed = time.perf_counter() - t0
                if elapsed >= seconds:
                    break
            rates[(shape, form)].append(flops * count / elapsed / 1e9)
    return {"%s %s" % key: statistics.median(r) for key, r in rates.items()}


def torch_in_process(python, name, threads, steps, avx2):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), OMP_WAIT_POLICY="PASSIVE")
    if avx2:
        env.update(ATEN_CPU_CAPABILITY="avx2", OPENBLAS_CORETYPE="Haswell",
                   MKL_ENABLE_INSTRUCTIONS="AVX2", ONEDNN_MAX_CPU_ISA="AVX2")
    out = subprocess.run([python, os.path.abspath(__file__), "--torch-only", name,
                          "--threads", str(threads), "--steps", str(steps)],
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def gakushu_in_process(name, threads, steps, avx2):
    env = dict(os.environ)
    if avx2:
        env["GAKUSHU_JAVA_OPTS"] = (env.get("GAKUSHU_JAVA_OPTS", "") + " -XX:UseAVX=2").strip()
    out = subprocess.run([os.path.join(ROOT, "gakushu"), "bench", "--workload", name,
                          "--threads", str(threads), "--steps", str(steps), "--json"],
                         check=True, capture_output=True, text=True, env=env).stdout
    lines = [json.loads(line) for line in out.strip().splitlines()]
    if name == "gemm":
        peak = next(o for o in lines if o["workload"] == "fma-peak")
        rates = {"%s %s" % (o["shape"], o["form"]): o["gflops"] for o in lines if o["workload"] == "gemm"}
        kernel = next(o["kernel"] for o in lines if o["workload"] == "gemm")
        return rates, "%s, FMA peak %.0f GFLOPS (%s)" % (kernel, peak["gflops"], peak["width"])
    result = lines[-1]
    return {name: result["samples_per_second"]}, "%s, Java %s" % (result["kernel"], result["java"])


def torch_only(name, threads, steps):
    tune_allocator()
    import torch  # after the allocator is tuned

    torch.set_num_threads(threads)
    if name == "gemm":
        rates = torch_gemm_rates(torch)
    else:
        rates = {name: torch_training_rate(torch, name, steps=steps)}
    capability = [line.strip() for line in torch.__config__.show().splitlines()
                  if "CPU capability" in line]
    rates["_torch"] = ", ".join([torch.__version__] + capability)
    print(json.dumps(rates))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,%d" % os.cpu_count())
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workloads", default="W1,W2,W3,gemm")
    parser.add_argument("--steps", type=int, default=300, help="training steps per repetition")
    parser.add_argument("--avx2", action="store_true",
                        help="both sides at 256-bit vectors (on an AVX-512 machine)")
    parser.add_argument("--torch", default=sys.executable,
                        help="comma-separated Python interpreters, one per PyTorch build")
    parser.add_argument("--torch-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.torch_only:
        torch_only(args.torch_only, int(args.threads), args.steps)
        return 0
    threads = sorted({int(t) for t in args.threads.split(",")})
    names = args.workloads.split(",")
    for name in names:
        if name not in WORKLOADS and name != "gemm":
            parser.error("unknown workload %r: expected W1, W2, W3 or gemm" % name)
    pythons = args.torch.split(",")
    results = {}
    versions = {}
    for r in range(args.rounds):
        for name in names:
            for t in threads:
                torch_rates = []
                for b, python in enumerate(pythons):
                    rates = torch_in_process(python, name, t, args.steps, args.avx2)
                    versions[b] = rates.pop("_torch")
                    torch_rates.append(rates)
                gakushu_rates, about = gakushu_in_process(name, t, args.steps, args.avx2)
                unit = "GFLOPS" if name == "gemm" else "samples/s"
                for key, gr in gakushu_rates.items():
                    trs = [rates[key] for rates in torch_rates]
                    results.setdefault((key, t), []).append((trs, gr))
                    print("round %d %s threads %d: PyTorch %s, Gakushu %.1f %s (%s); load %.1f"
                          % (r + 1, key, t, " / ".join("%.1f" % x for x in trs), gr, unit, about,
                             os.getloadavg()[0]), flush=True)
    print("\nmedian over %d rounds%s" % (args.rounds,
                                        "; all at AVX2 (256-bit)" if args.avx2 else ""))
    for b in range(len(pythons)):
        print("PyTorch %d: %s (%s)" % (b + 1, versions[b], pythons[b]))
    builds = ["PyTorch %d" % (b + 1) for b in range(len(pythons))]
    print("| workload | threads | %s | Gakushu | Gakushu / the better PyTorch |" % " | ".join(builds))
    print("|---|---|%s---|---|" % ("---|" * len(builds)))
    for (key, t), pairs in results.items():
        trs = [statistics.median(p[0][b] for p in pairs) for b in range(len(pythons))]
        gr = statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[1] / max(p[0]) for p in pairs)
        print("| %s | %d | %s | %.1f | %.2f× |" % (key, t, " | ".join("%.1f" % x for x in trs),
                                                   gr, ratio))

if __name__ == "__main__":
    sys.exit(main())
