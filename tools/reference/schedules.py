#!/usr/bin/python3
"""Writes the learning rates PyTorch's schedulers give, for the schedule tests.

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 tools/reference/schedules.py
Output: gakushu-core/src/test/resources/fixtures/schedules.json. Each case names the Gakushu schedule
(kind, warm-up, step size, gamma, minimum rate), the base rate, the number of units T, and
the rate PyTorch applies in units 0..T-1.
"""
import json
import os

import torch

BASE = 0.1
TOTAL = 30


def rates(make):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=BASE)
    sched = make(opt)
    out = []
    for _ in range(TOTAL):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


def with_warmup(warmup, main):
    def make(opt):
        first = torch.optim.lr_scheduler.LinearLR(opt, start_factor=1.0 / (warmup + 1), end_factor=1.0,
                                                  total_iters=warmup)
        return torch.optim.lr_scheduler.SequentialLR(opt, [first, main(opt)], milestones=[warmup])
    return make


S = torch.optim.lr_scheduler
cases = [
    {"kind": "step", "warmup": 0, "step_size": 7, "gamma": 0.5, "min_lr": 0,
     "rates": rates(lambda o: S.StepLR(o, step_size=7, gamma=0.5))},
    {"kind": "exponential", "warmup": 0, "step_size": 1, "gamma": 0.9, "min_lr": 0,
     "rates": rates(lambda o: S.ExponentialLR(o, gamma=0.9))},
    {"kind": "cosine", "warmup": 0, "step_size": 1, "gamma": 1, "min_lr": 0.001,
     "rates": rates(lambda o: S.CosineAnnealingLR(o, T_max=TOTAL, eta_min=0.001))},
    {"kind": "cosine", "warmup": 5, "step_size": 1, "gamma": 1, "min_lr": 0,
     "rates": rates(with_warmup(5, lambda o: S.CosineAnnealingLR(o, T_max=TOTAL - 5)))},
    {"kind": "constant", "warmup": 3, "step_size": 1, "gamma": 1, "min_lr": 0,
     "rates": rates(with_warmup(3, lambda o: S.ConstantLR(o, factor=1.0, total_iters=0)))},
]
out = os.path.join("gakushu-core", "src", "test", "resources", "fixtures", "schedules.json")
with open(out, "w") as f:
    json.dump({"base": BASE, "total": TOTAL, "cases": cases, "generator": "torch " + torch.__version__}, f, indent=1)
print("wrote", out)
