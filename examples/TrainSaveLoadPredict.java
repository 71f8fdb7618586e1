import dev.gakushu.data.DataAccess;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.io.ModelFile;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains a network on the embedded digits, saves it (the run directory holds model.safetensors),
 * loads the model back and predicts the classes of a few rows.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp gakushu-cli/target/gakushu.jar examples/TrainSaveLoadPredict.java [DIR]
 * </pre>
 */
public class TrainSaveLoadPredict {
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gakushu-example");
    RunSpec spec =
        RunSpec.builder().data("digits").hidden(64, 32).optimizer("adam").epochs(10).seed(7).build();

    TrainingRun run = TrainingRun.prepare(spec, DataAccess.standard());
    TrainingRun.Outcome outcome;
    try (RunDirectory out = RunDirectory.createAt(dir.resolve("run"))) { // released on close
      outcome = run.startIn(out, List.of());
    }
    System.out.printf("trained %s: test accuracy %.4f%n", run.network().describe(), outcome.test().accuracy());

    ModelFile.Model model = ModelFile.read(outcome.directory().resolve(TrainingRun.MODEL), 1);
    Dataset digits = EmbeddedDigits.load(); // rows as the data source delivers them
    ModelFile.Prediction prediction = model.predict(digits.features());
    int correct = 0;
    for (int r = 0; r < digits.size(); r++) {
      if (prediction.classes()[r] == digits.labels()[r]) {
        correct++;
      }
    }
    for (int r = 0; r < 3; r++) {
      System.out.printf(
          "row %d: label %s, predicted %s with probability %.3f%n",
          r,
          digits.classNames().get(digits.labels()[r]),
          prediction.className(r),
          prediction.probabilities().get(r, prediction.classes()[r]));
    }
    System.out.printf("the loaded model classifies %d of %d digits correctly%n", correct, digits.size());
  }
}
