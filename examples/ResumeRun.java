import dev.gakushu.data.DataAccess;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Stops a run after its third epoch (as a crash would), resumes it from its run directory alone
 * (config.json and the checkpoint), and checks that the weights equal those of a run that never
 * stopped.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp gakushu-cli/target/gakushu.jar examples/ResumeRun.java [DIR]
 * </pre>
 */
public class ResumeRun {
  /** Thrown by the listener below to interrupt training. */
  static final class Interrupted extends RuntimeException {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gakushu-example");
    RunSpec spec =
        RunSpec.builder().hidden(50).batchNorm(true).dropout(0.1).epochs(6).seed(3).build();

    Path whole = dir.resolve("whole");
    try (RunDirectory run = RunDirectory.createAt(whole)) { // closing releases the run's lock
      TrainingRun.prepare(spec, DataAccess.standard()).startIn(run, List.of());
    }

    Path stopped = dir.resolve("stopped");
    TrainListener crash =
        new TrainListener() {
          @Override
          public void onEpochEnd(EpochMetrics m) {
            if (m.epoch() == 3) {
              throw new Interrupted();
            }
          }
        };
    try (RunDirectory run = RunDirectory.createAt(stopped)) {
      TrainingRun.prepare(spec, DataAccess.standard()).startIn(run, List.of(crash));
    } catch (Interrupted e) {
      System.out.println("the run stopped after epoch 3");
    }

    TrainingRun resumed = TrainingRun.resume(stopped, DataAccess.standard()); // takes the lock
    TrainingRun.Outcome outcome;
    try (RunDirectory run = resumed.directory()) {
      System.out.println("resuming at epoch " + resumed.checkpointState().epoch());
      outcome = resumed.continueRun(List.of());
    }
    System.out.printf("finished: test accuracy %.4f%n", outcome.test().accuracy());

    var a = SafeTensors.read(whole.resolve(TrainingRun.MODEL)).tensors();
    var b = SafeTensors.read(stopped.resolve(TrainingRun.MODEL)).tensors();
    boolean same =
        a.keySet().equals(b.keySet())
            && a.keySet().stream()
                .allMatch(k -> Arrays.equals(a.get(k).values(), b.get(k).values()));
    System.out.println(
        same
            ? "the resumed run's weights equal the uninterrupted run's, bit for bit"
            : "the resumed run's weights DIFFER from the uninterrupted run's");
    if (!same) {
      System.exit(1);
    }
  }
}
