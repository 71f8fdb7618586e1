#!/usr/bin/env bash
# Writes the golden model file that later versions must keep reading
# (gakushu-core/src/test/resources/golden/model-v1.safetensors) and the probabilities this version computes
# for the first five embedded digits (gakushu-core/src/test/resources/fixtures/golden-predictions.json).
# Run once per model format version, from the repository root; then run
# gakushu-core/src/test/resources/interop/predict_numpy.py to refresh the NumPy fixture.
set -euo pipefail
out="$(mktemp -d)/run"
./gakushu train --hidden 20 --batch-norm --dropout 0.1 --epochs 3 --seed 7 --no-progress --out "$out" >/dev/null
cp "$out/model.safetensors" gakushu-core/src/test/resources/golden/model-v1.safetensors
gzip -dc gakushu-core/src/main/resources/dev/gakushu/digits.csv.gz | awk 'NR <= 5' | cut -d, -f1-64 > "$out/five.csv"
./gakushu predict --model gakushu-core/src/test/resources/golden/model-v1.safetensors --input "$out/five.csv" --format json \
  | /usr/bin/python3 -c 'import json,sys; rows=json.load(sys.stdin); print(json.dumps({"probabilities": [p for r in rows for p in r["probabilities"].values()]}))' \
  > gakushu-core/src/test/resources/fixtures/golden-predictions.json
echo "wrote the golden model and its predictions"
