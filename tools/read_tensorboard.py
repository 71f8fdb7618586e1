#!/usr/bin/env python3
"""Reads a run directory's TensorBoard event files with TensorBoard's own loader and prints what
TensorBoard sees as one JSON object: {"scalars": {tag: [[step, value], ...]},
"histograms": {tag: [[step, num, min, max, [bucket counts...]], ...]}}.

Needs Python's `tensorboard` package (pip install tensorboard). Used by TensorBoardPythonTest
to check gakushu's event files against an independent reader.

    python3 tools/read_tensorboard.py RUN_DIR
"""
import json
import sys

from tensorboard.backend.event_processing import event_accumulator


def main(run_dir):
    acc = event_accumulator.EventAccumulator(
        run_dir, size_guidance={event_accumulator.SCALARS: 0, event_accumulator.HISTOGRAMS: 0}
    )
    acc.Reload()
    tags = acc.Tags()
    scalars = {t: [[e.step, e.value] for e in acc.Scalars(t)] for t in tags["scalars"]}
    histograms = {
        t: [
            [e.step, e.histogram_value.num, e.histogram_value.min, e.histogram_value.max,
             list(e.histogram_value.bucket)]
            for e in acc.Histograms(t)
        ]
        for t in tags["histograms"]
    }
    json.dump({"scalars": scalars, "histograms": histograms}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
