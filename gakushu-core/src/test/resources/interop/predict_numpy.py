#!/usr/bin/python3
"""Reads Gakushu's golden model.safetensors with nothing but the safetensors format rules (an
8-byte little-endian header length, a JSON header, raw little-endian float32 data) and NumPy,
computes the class probabilities of the first five embedded digits, and writes them to
src/test/resources/fixtures/interop-predictions.json. Run from the repository root:

    /usr/bin/python3 src/test/resources/interop/predict_numpy.py
"""
import gzip
import json
import struct

import numpy as np

MODEL = "src/test/resources/golden/model-v1.safetensors"
DIGITS = "src/main/resources/dev/gakushu/digits.csv.gz"

with open(MODEL, "rb") as f:
    raw = f.read()
(n,) = struct.unpack("<Q", raw[:8])
header = json.loads(raw[8:8 + n])
meta = header.pop("__metadata__")
data = raw[8 + n:]
tensors = {}
for name, info in header.items():
    assert info["dtype"] == "F32"
    begin, end = info["data_offsets"]
    tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(info["shape"])

config = json.loads(meta["config"])
arch = json.loads(meta["architecture"])
with gzip.open(DIGITS, "rt") as f:
    rows = [list(map(float, line.split(",")[:64])) for line in f.readlines()[:5]]
x = np.array(rows, dtype=np.float32) * np.float32(config["input_scale"])
if meta["standardize"] == "true":
    x = (x - tensors["preprocess.mean"]) / tensors["preprocess.std"]

dense = bn = 0
for layer in arch["layers"]:
    kind = layer["type"]
    if kind == "dense":
        dense += 1
        x = x @ tensors["dense%d.W" % dense] + tensors["dense%d.b" % dense]
    elif kind == "batchnorm":
        bn += 1
        p = "bn%d." % bn
        x = tensors[p + "gamma"] * (x - tensors[p + "running_mean"]) / np.sqrt(tensors[p + "running_var"] + layer["epsilon"]) \
            + tensors[p + "beta"]
    elif kind == "relu":
        x = np.maximum(x, 0)
    elif kind == "sigmoid":
        x = 1 / (1 + np.exp(-x))
    elif kind == "tanh":
        x = np.tanh(x)
    elif kind == "dropout":
        if arch["conventions"] == "book":
            x = x * (1 - layer["ratio"])
    else:
        raise ValueError(kind)
z = x - x.max(axis=1, keepdims=True)
probabilities = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
with open("src/test/resources/fixtures/interop-predictions.json", "w") as f:
    json.dump({"probabilities": [float(v) for v in probabilities.ravel()], "reader": "numpy " + np.__version__}, f)
print("wrote src/test/resources/fixtures/interop-predictions.json")
