#!/usr/bin/python3
"""Writes the reference trajectories for the optimizer tests.

Run from the repository root with Debian's python3-torch and python3-numpy:
    /usr/bin/python3 tools/reference/optimizers.py
Output: gakushu-core/src/test/resources/fixtures/optimizers.json with, for a fixed sequence of gradients,
the parameters after every step of
  - "pytorch" cases: torch.optim at several settings (defaults, a high learning rate, weight
    decay on the weight matrix only, AMSGrad), and
  - "book" cases: the book's common/optimizer.py formulas (book-reference.md section 1)
    transcribed in NumPy float32, in the book's order of operations.
The parameters are a 3x4 weight matrix "w" and a 1x4 bias "b"; weight decay applies to w only.
"""
import json
import os

import numpy as np
import torch

STEPS = 100
rng = np.random.default_rng(20261129)
init = {"w": rng.standard_normal((3, 4)).astype(np.float32),
        "b": (0.1 * rng.standard_normal((1, 4))).astype(np.float32)}
# gradients whose scale differs per element and drifts, so that adaptive methods matter
scale_w = np.float32(10.0) ** rng.uniform(-2, 1, (3, 4)).astype(np.float32)
grads = [{"w": (rng.standard_normal((3, 4)) * scale_w + 0.3).astype(np.float32),
          "b": (rng.standard_normal((1, 4)) * 0.5).astype(np.float32)} for _ in range(STEPS)]


def run_torch(make, weight_decay=0.0):
    w = torch.tensor(init["w"].copy(), requires_grad=True)
    b = torch.tensor(init["b"].copy(), requires_grad=True)
    opt = make([{"params": [w], "weight_decay": weight_decay}, {"params": [b], "weight_decay": 0.0}])
    trajectory = []
    for g in grads:
        w.grad = torch.tensor(g["w"])
        b.grad = torch.tensor(g["b"])
        opt.step()
        trajectory.append({"w": w.detach().numpy().ravel().tolist(), "b": b.detach().numpy().ravel().tolist()})
    return trajectory


O = torch.optim
pytorch = []


def case(optimizer, name, settings, make, weight_decay=0.0):
    pytorch.append({"optimizer": optimizer, "name": name, "settings": settings,
                    "trajectory": run_torch(make, weight_decay)})


for opt_name, lr_default, lr_high, maker in [
    ("sgd", 0.01, 0.5, lambda lr: (lambda g: O.SGD(g, lr=lr))),
    ("momentum", 0.01, 0.5, lambda lr: (lambda g: O.SGD(g, lr=lr, momentum=0.9))),
    ("nesterov", 0.01, 0.5, lambda lr: (lambda g: O.SGD(g, lr=lr, momentum=0.9, nesterov=True))),
    ("adagrad", 0.01, 1.5, lambda lr: (lambda g: O.Adagrad(g, lr=lr))),
    ("rmsprop", 0.01, 0.3, lambda lr: (lambda g: O.RMSprop(g, lr=lr))),
    ("adam", 0.001, 0.3, lambda lr: (lambda g: O.Adam(g, lr=lr))),
    ("adamw", 0.001, 0.3, lambda lr: (lambda g: O.AdamW(g, lr=lr))),
]:
    case(opt_name, "defaults", {"lr": lr_default}, maker(lr_default), 0.01 if opt_name == "adamw" else 0.0)
    case(opt_name, "high lr", {"lr": lr_high}, maker(lr_high), 0.01 if opt_name == "adamw" else 0.0)
    case(opt_name, "weight decay", {"lr": lr_default, "weight_decay": 0.1}, maker(lr_default), 0.1)

case("momentum", "momentum 0.5", {"lr": 0.05, "momentum": 0.5}, lambda g: O.SGD(g, lr=0.05, momentum=0.5))
case("rmsprop", "rho 0.9 eps 1e-4", {"lr": 0.01, "rho": 0.9, "eps": 1e-4},
     lambda g: O.RMSprop(g, lr=0.01, alpha=0.9, eps=1e-4))
case("adagrad", "eps 1e-3", {"lr": 0.1, "eps": 1e-3}, lambda g: O.Adagrad(g, lr=0.1, eps=1e-3))
for opt_name, cls in [("adam", O.Adam), ("adamw", O.AdamW)]:
    wd = 0.01 if opt_name == "adamw" else 0.0
    case(opt_name, "amsgrad", {"lr": 0.01, "amsgrad": True}, lambda g, c=cls: c(g, lr=0.01, amsgrad=True), wd)
    case(opt_name, "betas 0.8 0.99 eps 1e-6", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6},
         lambda g, c=cls: c(g, lr=0.01, betas=(0.8, 0.99), eps=1e-6), wd)


# --- the book's formulas, NumPy float32, order of operations as in common/optimizer.py ---
class SGD:
    def __init__(self, lr=0.01): self.lr = lr
    def update(self, params, grads):
        for key in params: params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9): self.lr, self.momentum, self.v = lr, momentum, None
    def update(self, params, grads):
        if self.v is None: self.v = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9): self.lr, self.momentum, self.v = lr, momentum, None
    def update(self, params, grads):
        if self.v is None: self.v = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]


class AdaGrad:
    def __init__(self, lr=0.01): self.lr, self.h = lr, None
    def update(self, params, grads):
        if self.h is None: self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99): self.lr, self.decay_rate, self.h = lr, decay_rate, None
    def update(self, params, grads):
        if self.h is None: self.h = {k: np.zeros_like(v) for k, v in params.items()}
        for key in params:
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None
    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


def run_book(opt):
    params = {k: v.copy() for k, v in init.items()}
    trajectory = []
    for g in grads:
        opt.update(params, {k: v.copy() for k, v in g.items()})
        trajectory.append({"w": params["w"].ravel().tolist(), "b": params["b"].ravel().tolist()})
    return trajectory


book = []
for opt_name, make, lrs in [("sgd", SGD, (0.01, 0.95)), ("momentum", Momentum, (0.01, 0.1)),
                            ("nesterov", Nesterov, (0.01, 0.1)), ("adagrad", AdaGrad, (0.01, 1.5)),
                            ("rmsprop", RMSprop, (0.01, 0.3)), ("adam", Adam, (0.001, 0.3))]:
    for lr in lrs:
        book.append({"optimizer": opt_name, "name": "lr %g" % lr, "settings": {"lr": lr},
                     "trajectory": run_book(make(lr=np.float64(lr).item()))})

fixture = {
    "steps": STEPS,
    "init": {k: v.ravel().tolist() for k, v in init.items()},
    "shapes": {k: list(v.shape) for k, v in init.items()},
    "grads": [{k: v.ravel().tolist() for k, v in g.items()} for g in grads],
    "pytorch": pytorch,
    "book": book,
    "generator": "torch %s, numpy %s" % (torch.__version__, np.__version__),
}
out = os.path.join("gakushu-core", "src", "test", "resources", "fixtures", "optimizers.json")
with open(out, "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
print("wrote", out, len(pytorch), "pytorch cases,", len(book), "book cases")
