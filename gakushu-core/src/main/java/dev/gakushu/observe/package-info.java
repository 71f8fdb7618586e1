/**
 * Watching training: per-layer activation and parameter statistics ({@code layers.jsonl}), and
 * reading what runs left behind: a run's facts ({@link dev.gakushu.observe.RunInfo}), its status,
 * the comparison of runs.
 */
package dev.gakushu.observe;
