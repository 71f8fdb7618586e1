import dev.gakushu.data.DataAccess;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A listener of one's own: it prints the validation accuracy after every epoch and stops training
 * once it reaches 0.95 (a listener stops training by returning a reason from stopAfter).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp gakushu-cli/target/gakushu.jar examples/CustomListener.java [DIR]
 * </pre>
 */
public class CustomListener {
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gakushu-example");
    TrainListener target =
        new TrainListener() {
          @Override
          public String stopAfter(EpochMetrics m) {
            return m.validationAccuracy() >= 0.95 ? "validation accuracy reached 0.95" : null;
          }

          @Override
          public void onEpochEnd(EpochMetrics m) {
            System.out.printf(
                "epoch %d: validation accuracy %.4f%s%n",
                m.epoch(),
                m.validationAccuracy(),
                m.stopReason() == null ? "" : " -> stop: " + m.stopReason());
          }
        };
    RunSpec spec = RunSpec.builder().hidden(100).optimizer("sgd").lr(0.05).epochs(100).build();
    TrainingRun.Outcome outcome;
    try (RunDirectory run = RunDirectory.createAt(dir.resolve("run"))) { // released on close
      outcome = TrainingRun.prepare(spec, DataAccess.standard()).startIn(run, List.of(target));
    }
    System.out.printf(
        "stopped after %d of 100 epochs; test accuracy %.4f%n",
        outcome.result().history().size(), outcome.test().accuracy());
  }
}
