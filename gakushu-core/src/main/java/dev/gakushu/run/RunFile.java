package dev.gakushu.run;

/**
 * The name of each file a run directory holds, declared here only. A train run: {@link #CONFIG},
 * {@link #METRICS}, {@link #LAYERS}, {@link #STATUS}, {@link #CHECKPOINT}, {@link #MODEL}, {@link
 * #SUMMARY}, {@link #CURVES} and {@link #REPORT}; a search: {@link #JOURNAL}, {@link #STATUS},
 * {@link #RESULTS} and its figures; an experiment: {@link #FINDINGS}, {@link #CONFIG} and its
 * figures.
 */
public final class RunFile {
  /** The run specification ({@link dev.gakushu.spec.RunSpecJson}); an experiment's settings. */
  public static final String CONFIG = "config.json";

  /** One line per epoch ({@link MetricsFile}). */
  public static final String METRICS = "metrics.jsonl";

  /** What a finished train run produced ({@link SummaryFile}). */
  public static final String SUMMARY = "summary.json";

  /** Whether the run is running, finished, interrupted or diverged. */
  public static final String STATUS = "status.json";

  /** Per-layer statistics, one line per recorded step ({@link LayersFile}). */
  public static final String LAYERS = "layers.jsonl";

  /** The training state to resume from. */
  public static final String CHECKPOINT = "checkpoint.safetensors";

  /** The claim of the process that writes the run ({@link LockFile}). */
  public static final String LOCK = "run.lock";

  /** The trained model. */
  public static final String MODEL = "model.safetensors";

  /** A search's settings and trials, one line each. */
  public static final String JOURNAL = "journal.jsonl";

  /** A finished search's ranking. */
  public static final String RESULTS = "results.json";

  /** An experiment's findings. */
  public static final String FINDINGS = "findings.json";

  /** A train run's loss and accuracy curves. */
  public static final String CURVES = "curves.png";

  /** A run's HTML report. */
  public static final String REPORT = "report.html";

  /** The folder of the TensorBoard run {@code train} (Keras's layout). */
  public static final String TENSORBOARD_TRAIN = "train";

  /** The folder of the TensorBoard run {@code validation}, beside {@link #TENSORBOARD_TRAIN}. */
  public static final String TENSORBOARD_VALIDATION = "validation";

  private RunFile() {}
}
