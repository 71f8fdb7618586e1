/**
 * The run directory's files: the name of each ({@link dev.gakushu.run.RunFile}), the kind of run a
 * folder holds ({@link dev.gakushu.run.RunKind}) and a typed record with one codec per file:
 * metrics ({@link dev.gakushu.run.MetricsFile}), summary ({@link dev.gakushu.run.SummaryFile}),
 * status ({@link dev.gakushu.run.StatusFile}), per-layer statistics ({@link
 * dev.gakushu.run.LayersFile}, whose lines are {@link dev.gakushu.run.LayerSnapshot}s), lock
 * ({@link dev.gakushu.run.LockFile}) and a search's journal and results ({@link
 * dev.gakushu.run.JournalFile}, {@link dev.gakushu.run.ResultsFile}, whose trials are {@link
 * dev.gakushu.run.TrialResult}s). Everything that writes or reads a run goes through these; the
 * package knows no training, search or command.
 */
package dev.gakushu.run;
