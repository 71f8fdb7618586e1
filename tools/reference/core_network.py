#!/usr/bin/python3
"""Writes the PyTorch reference for the core network test.

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 tools/reference/core_network.py
It writes gakushu-core/src/test/resources/fixtures/core-network.json: a small network with every
activation (dense-relu-dense-sigmoid-dense-tanh-dense), its weights, a batch, the logits,
the mean softmax cross-entropy, the gradient of every parameter and of the input, and the
weights and losses after three plain SGD steps. Weight matrices are stored inputs x units,
as Gakushu stores them (the transpose of torch.nn.Linear.weight).
"""
import json
import os

import torch

torch.manual_seed(20261129)
sizes = [5, 7, 6, 5, 3]
activations = [torch.relu, torch.sigmoid, torch.tanh]
rows = 8
lr = 0.1

weights = [(torch.randn(i, o) * (2.0 / i) ** 0.5).float() for i, o in zip(sizes, sizes[1:])]
biases = [(torch.randn(o) * 0.1).float() for o in sizes[1:]]
x = torch.randn(rows, sizes[0])
labels = torch.randint(0, sizes[-1], (rows,))


def forward(ws, bs, inputs):
    h = inputs
    for k, (w, b) in enumerate(zip(ws, bs)):
        h = h @ w + b
        if k < len(activations):
            h = activations[k](h)
    return h


def as_list(t):
    return [float(v) for v in t.detach().reshape(-1)]


params = [p.clone().requires_grad_(True) for pair in zip(weights, biases) for p in pair]
inp = x.clone().requires_grad_(True)
logits = forward(params[0::2], params[1::2], inp)
loss = torch.nn.functional.cross_entropy(logits, labels)
loss.backward()

fixture = {
    "sizes": sizes,
    "activations": ["relu", "sigmoid", "tanh"],
    "x": as_list(x),
    "labels": [int(v) for v in labels],
    "params": {},
    "logits": as_list(logits),
    "loss": float(loss),
    "input_grad": as_list(inp.grad),
    "sgd": {"lr": lr, "losses": [], "params": {}},
}
names = []
for k in range(len(weights)):
    names += ["dense%d.W" % (k + 1), "dense%d.b" % (k + 1)]
for name, p in zip(names, params):
    fixture["params"][name] = {"value": as_list(p), "grad": as_list(p.grad)}

trained = [p.detach().clone().requires_grad_(True) for p in params]
opt = torch.optim.SGD(trained, lr=lr)
for _ in range(3):
    opt.zero_grad()
    step_loss = torch.nn.functional.cross_entropy(forward(trained[0::2], trained[1::2], x), labels)
    step_loss.backward()
    opt.step()
    fixture["sgd"]["losses"].append(float(step_loss))
for name, p in zip(names, trained):
    fixture["sgd"]["params"][name] = as_list(p)

out = os.path.join("gakushu-core", "src", "test", "resources", "fixtures", "core-network.json")
with open(out, "w") as f:
    json.dump(fixture, f, indent=1)
print("wrote", out, "torch", torch.__version__)
