#!/usr/bin/env python3
"""Checks `gakushu export --format onnx` from Python, independently of the Java tests.

For a model written by `gakushu train` (or a checkpoint, or tune's best/model.safetensors):
  1. exports it with ./gakushu export into a temporary folder;
  2. onnx.checker.check_model(full_check=True) must accept the file (IR version 7, opset 13);
  3. runs it in Python's onnxruntime on raw rows (--input, a CSV as for `gakushu predict`,
     without a header) and compares every probability with what `gakushu predict --format
     json` prints for the same rows, to 1e-5 relative with the project's rule for reference
     values (Fixtures.assertAgrees): each entry within 1e-5 x max(itself, its row's largest
     probability). It also prints the largest difference relative to each probability alone
     (those above 1e-30): float32 sums in another order than ONNX Runtime's move the tiniest
     probabilities by about 1e-5 of themselves on real rows, more on rows far from the data;
  4. runs the Python snippet of docs/models.md on the same file and rows: it must print predict's classes.

Needs: pip install onnx onnxruntime numpy. Exit status 0 when everything agrees, 1 otherwise.

  /usr/bin/python3 tools/onnx/check_export.py --model runs/digits/model.safetensors --input rows.csv
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime as ort

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOLERANCE = 1e-5


def gakushu(*args):
    done = subprocess.run(
        [str(ROOT / "gakushu"), *args], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        sys.exit(f"gakushu {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def readme_snippet():
    """The Python block of the guide's ONNX section."""
    readme = (ROOT / "docs" / "models.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Export") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, type=pathlib.Path)
    parser.add_argument("--input", required=True, type=pathlib.Path, help="CSV of raw rows")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        exported = tmp / "m.onnx"
        gakushu("export", "--model", str(args.model.resolve()), "--format", "onnx", "--out", str(exported))

        model = onnx.load(str(exported))
        onnx.checker.check_model(model, full_check=True)
        opsets = {o.domain: o.version for o in model.opset_import}
        print(f"check_model: ok (IR version {model.ir_version}, opset {opsets['']}, "
              f"nodes {' '.join(n.op_type for n in model.graph.node)})")

        session = ort.InferenceSession(str(exported), providers=["CPUExecutionProvider"])
        meta = session.get_modelmeta().custom_metadata_map
        classes = json.loads(meta["classes"])
        rows = np.loadtxt(args.input, delimiter=",", ndmin=2, dtype=np.float32)
        csv = tmp / "rows.csv"
        np.savetxt(csv, rows, delimiter=",", fmt="%.9g")

        probabilities = session.run(["probabilities"], {"input": rows})[0]
        predicted = json.loads(gakushu("predict", "--model", str(args.model.resolve()),
                                       "--input", str(csv), "--format", "json"))
        expected = np.array([[row["probabilities"][c] for c in classes] for row in predicted],
                            dtype=np.float64)
        difference = np.abs(probabilities - expected)
        scale = np.maximum(expected, expected.max(axis=1, keepdims=True))
        bad = int((difference > TOLERANCE * scale).sum())
        large = expected > 1e-30
        own = float((difference[large] / expected[large]).max())
        print(f"onnxruntime {ort.__version__} against predict: {rows.shape[0]} rows x {len(classes)} "
              f"classes, largest difference {float((difference / scale).max()):.2e} of the row's "
              f"scale ({bad} beyond {TOLERANCE:g}), {own:.2e} of the probability itself")

        snippet = readme_snippet().replace('"m.onnx"', repr(str(exported))).replace('"rows.csv"', repr(str(csv)))
        shown = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True)
        wanted = str([row["class"] for row in predicted])
        snippet_ok = shown.returncode == 0 and shown.stdout.strip() == wanted
        print("docs/models.md snippet: " + ("ok, prints predict's classes" if snippet_ok
                                    else f"FAILED: {shown.stderr.strip() or shown.stdout.strip()[:200]}"))
        return 0 if bad == 0 and snippet_ok else 1


if __name__ == "__main__":
    sys.exit(main())
