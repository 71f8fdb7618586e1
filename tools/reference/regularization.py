#!/usr/bin/python3
"""Writes the PyTorch reference for the L1 penalty and the max-norm constraint.

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 tools/reference/regularization.py
It writes gakushu-core/src/test/resources/fixtures/regularization.json: a small dense-relu-dense network,
its weights, a batch, and
- the objective cross_entropy + l2/2 * sum(W**2) + l1 * sum(|W|) over both weight matrices
  (never the biases), with L1 added to the loss as l1 * W.abs().sum(), and every parameter's
  gradient of it (autograd's subgradient of |w| is sign(w), 0 at 0);
- three plain SGD steps on that objective, each followed by max-norm: torch.renorm(W, 2, 1, c)
  scales every column of W (a unit's incoming weights; W is inputs x units) whose L2 norm
  exceeds c down to norm c, as Keras' MaxNorm(axis=0). The objective before each step and
  the parameters after the last are recorded.
Weight matrices are stored inputs x units, as Gakushu stores them.
"""
import json
import os

import torch

torch.manual_seed(20261130)
sizes = [5, 7, 3]
rows = 8
lr = 0.1
l1 = 0.01
l2 = 0.05
max_norm = 1.2

weights = [(torch.randn(i, o) * 0.8).float() for i, o in zip(sizes, sizes[1:])]
biases = [(torch.randn(o) * 0.1).float() for o in sizes[1:]]
# one weight exactly 0: its L1 subgradient is 0
weights[0][2, 3] = 0.0
x = torch.randn(rows, sizes[0])
labels = torch.randint(0, sizes[-1], (rows,))


def objective(params):
    w1, b1, w2, b2 = params
    logits = torch.relu(x @ w1 + b1) @ w2 + b2
    loss = torch.nn.functional.cross_entropy(logits, labels)
    for w in (w1, w2):
        loss = loss + 0.5 * l2 * (w**2).sum() + l1 * w.abs().sum()
    return loss


def as_list(t):
    return [float(v) for v in t.detach().reshape(-1)]


names = ["dense1.W", "dense1.b", "dense2.W", "dense2.b"]
initial = [weights[0], biases[0], weights[1], biases[1]]
params = [p.clone().requires_grad_(True) for p in initial]
loss = objective(params)
loss.backward()
fixture = {
    "sizes": sizes,
    "l1": l1,
    "weight_decay": l2,
    "max_norm": max_norm,
    "lr": lr,
    "x": as_list(x),
    "labels": [int(v) for v in labels],
    "objective": float(loss),
    "params": {n: {"value": as_list(p), "grad": as_list(p.grad)} for n, p in zip(names, params)},
    "sgd": {"objectives": [], "params": {}},
}

params = [p.clone().requires_grad_(True) for p in initial]
opt = torch.optim.SGD(params, lr=lr)
for _ in range(3):
    opt.zero_grad()
    loss = objective(params)
    fixture["sgd"]["objectives"].append(float(loss))
    loss.backward()
    opt.step()
    with torch.no_grad():
        for w in (params[0], params[2]):
            w.copy_(torch.renorm(w, 2, 1, max_norm))
fixture["sgd"]["params"] = {n: as_list(p) for n, p in zip(names, params)}
column_norms = [float(v) for w in (params[0], params[2]) for v in w.detach().norm(dim=0)]
fixture["sgd"]["largest_column_norm"] = max(column_norms)

out = os.path.join("gakushu-core", "src", "test", "resources", "fixtures", "regularization.json")
with open(out, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print("wrote", out, "largest column norm", max(column_norms))
