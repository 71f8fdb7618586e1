package dev.gakushu.cli;

import dev.gakushu.data.Batches;
import dev.gakushu.data.Split;
import dev.gakushu.nn.GradientCheck;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Seeds;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "gradcheck",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu gradcheck",
      "  gakushu gradcheck --batch-norm --dropout 0.5 --weight-decay 0.01",
    },
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Checks backpropagation against central differences.",
      "Compares the float32 gradient of every parameter of a network with central differences of"
          + " the objective evaluated in double precision.",
      "Prints the largest relative error per parameter; exits with status 1 if one is above --threshold."
    })
final class GradcheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      paramLabel = "N",
      description =
          "Training rows in the batch the loss is computed on (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--weight-decay",
      defaultValue = "0",
      paramLabel = "LAMBDA",
      description =
          "λ of the L2 penalty ½λ‖W‖² included in the checked objective (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(
      names = "--entries",
      defaultValue = "300",
      paramLabel = "N",
      description =
          "Entries checked per parameter at most, chosen at random (default: ${DEFAULT-VALUE}).")
  int entries;

  @Option(
      names = "--step",
      defaultValue = "1e-6",
      paramLabel = "H",
      description = "Finite-difference step h (default: ${DEFAULT-VALUE}).")
  double step;

  @Option(
      names = "--threshold",
      defaultValue = "1e-3",
      paramLabel = "E",
      description = "Largest relative error that passes (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Override
  public Integer call() {
    Checks.atLeast(spec, "--batch-size", batchSize, 1);
    Checks.atLeast(spec, "--entries", entries, 1);
    Checks.positive(spec, "--step", step);
    Checks.positive(spec, "--threshold", threshold);
    RunSpec runSpec =
        Checks.mapped(
            spec,
            () -> {
              RunSpec base = RunSpec.defaults();
              RunSpec.Builder b =
                  base.toBuilder().optimizer(OptimizerKind.SGD).weightDecay(weightDecay);
              model.applyTo(b, base);
              return b.build();
            });
    long seed = runSpec.seed();
    Split split = Checks.mapped(spec, () -> runSpec.data().load(model.data.access(), seed)).split();
    Network network =
        runSpec.buildNetwork(split.train().featureCount(), split.train().classCount());
    Batches batches = new Batches(split.train(), batchSize, true, Seeds.derive(seed, "shuffle"));
    batches.beginEpoch(1);
    Batches.Batch batch = batches.batch(0);
    List<GradientCheck.Result> results =
        GradientCheck.run(
            network,
            batch.features(),
            batch.labels(),
            step,
            entries,
            Seeds.derive(seed, "gradcheck"));

    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "gradient check of %s on %d rows, h = %g%n",
        network.describe(),
        batch.size(),
        step);
    out.printf(
        Locale.ROOT, "%-12s %8s %14s  %s%n", "parameter", "entries", "max rel. error", "result");
    boolean allPass = true;
    for (GradientCheck.Result r : results) {
      boolean pass = r.passes(threshold);
      allPass &= pass;
      out.printf(
          Locale.ROOT,
          "%-12s %8d %14.3e  %s%n",
          r.param(),
          r.checked(),
          r.maxError(),
          pass ? "ok" : "FAIL");
    }
    out.println(
        allPass
            ? "all parameters agree (threshold " + threshold + ")"
            : "backpropagation disagrees with the numerical gradient (threshold "
                + threshold
                + ")");
    return allPass ? 0 : 1;
  }
}
