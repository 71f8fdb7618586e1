package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.data.DataAccess;
import dev.gakushu.optim.OptimizerSetting;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import dev.gakushu.tune.LrFindReport;
import dev.gakushu.tune.LrFinder;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/** Runs the range test for a run specification and writes what it found into a run directory. */
final class LrFind {
  private LrFind() {}

  /**
   * Tests a prepared run's network (its initial weights, on its training split; the network is
   * trained by the test, so a run to train needs a fresh one) and writes {@link LrFindReport#JSON}
   * and {@link LrFindReport#FIGURE} into {@code dir}.
   *
   * @return the result, whose suggestion is NaN when the test recorded too few steps
   */
  static LrFinder.Result run(
      TrainingRun prepared,
      LrFinder.Settings settings,
      RunDirectory dir,
      FigureFiles figures,
      Consumer<String> warnings,
      PrintWriter out) {
    LrFinder.Result r =
        LrFinder.run(
            prepared.spec(), prepared.network(), prepared.data().split().train(), settings);
    dir.writeJson(LrFindReport.JSON, LrFindReport.json(settings, r));
    figures.write(dir, LrFindReport.FIGURE, () -> LrFindReport.figure(r), warnings);
    out.printf(
        Locale.ROOT,
        "lr-find: %d steps from %.3g to %.3g%s; suggested lr %.4g (%s)%n",
        r.rates().size(),
        settings.start(),
        r.rates().isEmpty() ? settings.start() : r.rates().get(r.rates().size() - 1),
        r.diverged() ? ", stopped at divergence" : "",
        r.suggestion(),
        LrFinder.Result.RULE);
    return r;
  }

  /**
   * train --lr auto: runs lr-find on {@code tested}'s network (consumed) into the run directory and
   * returns a fresh run of the same specification with the suggested learning rate.
   *
   * @throws BadInputException when the test recorded too few steps to suggest a rate
   */
  static TrainingRun withFoundLearningRate(
      TrainingRun tested,
      DataAccess access,
      RunDirectory dir,
      FigureFiles figures,
      Consumer<String> warnings,
      PrintWriter out) {
    LrFinder.Result found = run(tested, LrFinder.Settings.FASTAI, dir, figures, warnings, out);
    if (Double.isNaN(found.suggestion())) {
      throw new BadInputException(
          "--lr auto: lr-find recorded too few steps to suggest a learning rate; give --lr");
    }
    RunSpec chosen = tested.spec().with(OptimizerSetting.LR.id(), found.suggestion());
    return TrainingRun.prepare(chosen, access).drawingFiguresWith(figures);
  }
}
