#!/usr/bin/python3
"""Writes the BatchNorm references for the Java tests.

Run from the repository root with Debian's python3-torch and python3-numpy:
    /usr/bin/python3 tools/reference/batchnorm.py
Output: gakushu-core/src/test/resources/fixtures/batchnorm.json with, for a batch stream of 4 training
batches (8 rows, 5 features) and one evaluation batch:
  - "pytorch": torch.nn.BatchNorm1d(5) (momentum 0.1, eps 1e-5) with non-default gamma and
    beta: the training output and the gradients (x, gamma, beta) for a fixed upstream gradient
    on the first batch, the running statistics after every batch, and the evaluation output;
  - "book": the same quantities from the book's BatchNormalization (common/layers.py,
    book-reference.md section 2) in NumPy float32: momentum 0.9 on the old value, eps 1e-6
    (written 10e-7), running statistics starting at zero, biased variance throughout.
"""
import json
import os

import numpy as np
import torch

rng = np.random.default_rng(7)
FEATURES = 5
batches = [(rng.standard_normal((8, FEATURES)) * np.array([1, 2, 0.5, 3, 1]) + np.array([0, 1, -2, 5, 0.3]))
           .astype(np.float32) for _ in range(4)]
eval_batch = (rng.standard_normal((6, FEATURES)) * 2 + 1).astype(np.float32)
gamma = (1 + 0.3 * rng.standard_normal(FEATURES)).astype(np.float32)
beta = (0.2 * rng.standard_normal(FEATURES)).astype(np.float32)
upstream = rng.standard_normal((8, FEATURES)).astype(np.float32)


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


# ---- PyTorch
bn = torch.nn.BatchNorm1d(FEATURES)
with torch.no_grad():
    bn.weight.copy_(torch.tensor(gamma))
    bn.bias.copy_(torch.tensor(beta))
bn.train()
pytorch = {"running_mean": [], "running_var": []}
for k, b in enumerate(batches):
    x = torch.tensor(b, requires_grad=True)
    y = bn(x)
    if k == 0:
        y.backward(torch.tensor(upstream))
        pytorch["train_output"] = flat(y.detach())
        pytorch["input_grad"] = flat(x.grad)
        pytorch["gamma_grad"] = flat(bn.weight.grad)
        pytorch["beta_grad"] = flat(bn.bias.grad)
    pytorch["running_mean"].append(flat(bn.running_mean))
    pytorch["running_var"].append(flat(bn.running_var))
bn.eval()
pytorch["eval_output"] = flat(bn(torch.tensor(eval_batch)).detach())


# ---- the book's BatchNormalization, NumPy float32
class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean = None
        self.running_var = None

    def forward(self, x, train_flg):
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1], dtype=np.float32)
            self.running_var = np.zeros(x.shape[1], dtype=np.float32)
        if train_flg:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc ** 2, axis=0)
            std = np.sqrt(var + 10e-7)
            xn = xc / std
            self.batch_size, self.xc, self.xn, self.std = x.shape[0], xc, xn, std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xn = (x - self.running_mean) / np.sqrt(self.running_var + 10e-7)
        return self.gamma * xn + self.beta

    def backward(self, dout):
        dbeta = dout.sum(axis=0)
        dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        dx = dxc - dmu / self.batch_size
        return dx, dgamma, dbeta


layer = BatchNormalization(gamma.copy(), beta.copy())
book = {"running_mean": [], "running_var": []}
for k, b in enumerate(batches):
    y = layer.forward(b, True)
    if k == 0:
        dx, dgamma, dbeta = layer.backward(upstream)
        book["train_output"] = flat(y)
        book["input_grad"] = flat(dx)
        book["gamma_grad"] = flat(dgamma)
        book["beta_grad"] = flat(dbeta)
    book["running_mean"].append(flat(layer.running_mean))
    book["running_var"].append(flat(layer.running_var))
book["eval_output"] = flat(layer.forward(eval_batch, False))

fixture = {"features": FEATURES, "batches": [flat(b) for b in batches], "eval_batch": flat(eval_batch),
           "gamma": flat(gamma), "beta": flat(beta), "upstream": flat(upstream),
           "pytorch": pytorch, "book": book, "generator": "torch %s, numpy %s" % (torch.__version__, np.__version__)}
out = os.path.join("gakushu-core", "src", "test", "resources", "fixtures", "batchnorm.json")
with open(out, "w") as f:
    json.dump(fixture, f, indent=1)
print("wrote", out)
