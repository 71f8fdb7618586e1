#!/usr/bin/env python3
"""Reads a run directory's TensorBoard event files with TensorBoard's own loader and prints what
TensorBoard sees as one JSON object, by TensorBoard run (the run directory's train/ and
validation/ folders, as Keras lays them out): {RUN: {"scalars": {tag: [[step, value], ...]},
"histograms": {tag: [[step, num, min, max, [bucket counts...]], ...]}}}.

Needs Python's `tensorboard` package (pip install tensorboard). Used by TensorBoardFilesTest
to check gakushu's event files against an independent reader.

    python3 tools/read_tensorboard.py RUN_DIR
"""
import json
import sys

from tensorboard.backend.event_processing import event_accumulator, event_multiplexer


def main(run_dir):
    mux = event_multiplexer.EventMultiplexer(
        size_guidance={event_accumulator.SCALARS: 0, event_accumulator.HISTOGRAMS: 0}
    )
    mux.AddRunsFromDirectory(run_dir)
    mux.Reload()
    seen = {}
    for run, tags in mux.Runs().items():
        scalars = {t: [[e.step, e.value] for e in mux.Scalars(run, t)] for t in tags["scalars"]}
        histograms = {
            t: [
                [e.step, e.histogram_value.num, e.histogram_value.min, e.histogram_value.max,
                 list(e.histogram_value.bucket)]
                for e in mux.Histograms(run, t)
            ]
            for t in tags["histograms"]
        }
        seen[run] = {"scalars": scalars, "histograms": histograms}
    json.dump(seen, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
