package dev.gakushu.observe;

import dev.gakushu.run.LayerSnapshot;
import dev.gakushu.run.LayersFile;
import dev.gakushu.run.RunFile;
import dev.gakushu.train.RunDirectory;
import java.util.function.Consumer;

/** Appends each {@link LayerSnapshot} to a run's {@link RunFile#LAYERS} ({@link LayersFile}). */
public final class LayersLog implements Consumer<LayerSnapshot> {
  private final RunDirectory run;

  public LayersLog(RunDirectory run) {
    this.run = run;
  }

  @Override
  public void accept(LayerSnapshot s) {
    run.appendJsonLine(RunFile.LAYERS, LayersFile.line(s));
  }
}
