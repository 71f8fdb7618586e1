package dev.gakushu.experiments;

import dev.gakushu.init.InitScheme;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import dev.gakushu.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * weight_init_compare.py: the same 784-[100]×4-10 ReLU network initialised with std 0.01, Xavier
 * (the book's N(0, 1/n)) and He, trained by SGD (lr 0.01), batch 128, 2,000 iterations, the same
 * batches for all; the smoothed training loss.
 */
public final class InitCompare implements Experiment {
  @Override
  public String name() {
    return "init-compare";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    int iterations = quick ? 60 : 2000;
    Map<String, RunSpec> specs = new LinkedHashMap<>();
    specs.put("std=0.01", base(data, seed, 0).init(InitScheme.NORMAL).initStd(0.01).build());
    specs.put("Xavier", base(data, seed, 1).init(InitScheme.XAVIER).build());
    specs.put("He", base(data, seed, 2).init(InitScheme.HE).build());
    LossCurves curves =
        LossCurves.train(
            specs,
            data.train(),
            iterations,
            seed,
            threads,
            "Weight initialisation on " + data.name() + " (smoothed training loss)",
            label -> label);
    Map<String, Double> finalLoss = curves.finalLoss();
    double ln10 = StrictMath.log(data.train().classCount());
    String losses3 =
        "final smoothed loss: std 0.01 "
            + Numbers.sig3(finalLoss.get("std=0.01"))
            + ", Xavier "
            + Numbers.sig3(finalLoss.get("Xavier"))
            + ", He "
            + Numbers.sig3(finalLoss.get("He"));
    List<Finding> findings = new ArrayList<>();
    findings.add(
        FinalLoss.tested(
            Finding.of(
                "std-0.01-stalls",
                "With std 0.01 the loss stays near ln(classes) = "
                    + Numbers.sig3(ln10)
                    + " (within 0.05): the activations vanish and nothing is learnt",
                "std 0.01 ends at " + Numbers.sig3(finalLoss.get("std=0.01")),
                Fields.of("final_loss", finalLoss.get("std=0.01"), "ln_classes", ln10),
                Math.abs(finalLoss.get("std=0.01") - ln10) < 0.05),
            iterations));
    findings.add(
        Finding.of(
                "he-and-xavier-learn",
                "Xavier and He both learn: their final loss is below half of ln(classes)",
                losses3,
                finalLoss,
                finalLoss.get("He") < ln10 / 2 && finalLoss.get("Xavier") < ln10 / 2)
            .needsFullSize(quick));
    findings.add(
        FinalLoss.tested(
            Finding.of(
                "he-fastest",
                "He, made for ReLU, ends lowest",
                losses3,
                finalLoss,
                finalLoss.get("He") <= finalLoss.get("Xavier")
                    && finalLoss.get("He") <= finalLoss.get("std=0.01")),
            iterations));
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("iterations", iterations);
    notes.put("batches", BookLoop.batchesNote(seed));
    Map<String, Object> config = ExperimentConfig.of(specs, notes);
    return new ExperimentResult(
        name(),
        "Comparing weight initialisations",
        Figure.of(curves.chart()),
        Fields.of("loss", curves.losses()),
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  /** 784-100×4-10 ReLU, SGD 0.01, batch 128: the {@code index}-th network of the comparison. */
  private static RunSpec.Builder base(BookData data, long seed, int index) {
    return BookLoop.book(data, BookLoop.networkSeed(seed, index))
        .hidden(100, 100, 100, 100)
        .batchSize(128);
  }
}
