import dev.gakushu.data.DataAccess;
import dev.gakushu.data.Split;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchSpace;
import dev.gakushu.run.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small random search over the learning rate and the weight decay of SGD on the embedded digits:
 * every trial is the base specification with its sampled values, scored on the validation split.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp gakushu-cli/target/gakushu.jar examples/SmallSearch.java [DIR]
 * </pre>
 */
public class SmallSearch {
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gakushu-example");
    Files.createDirectories(dir);
    RunSpec base =
        RunSpec.builder().hidden(50, 50).optimizer("sgd").batchSize(100).epochs(5).seed(1).build();
    SearchSpace space =
        SearchSpace.parse(List.of("lr=log(1e-3,0.5)", "weight-decay=log(1e-8,1e-3)"), base);
    Split split = base.data().load(DataAccess.standard(), base.seed()).split();

    List<TrialResult> results =
        new Search(
                new Search.Settings("digits", space, base, "random", base.seed()),
                split.train(),
                split.validation(),
                dir)
            .run(6, 2, Search.LOCAL, r -> {});
    for (TrialResult r : results) {
      System.out.printf(
          "trial %d: lr %.4g, weight decay %.3g -> validation accuracy %.4f%n",
          r.trial(), r.params().get("lr"), r.params().get("weight-decay"), r.score());
    }
    TrialResult best = results.get(0);
    RunSpec bestSpec = Search.trialSpec(base, best.params());
    System.out.println("best trial's optimizer: " + bestSpec.optimizer());
  }
}
