/**
 * The run directory's files: the name of each ({@link dev.gakushu.run.RunFile}), the kind of run a
 * folder holds ({@link dev.gakushu.run.RunKind}) and a typed record with one codec per file
 * (metrics, summary). Everything that writes or reads a run goes through these; the package knows
 * no training, search or command.
 */
package dev.gakushu.run;
