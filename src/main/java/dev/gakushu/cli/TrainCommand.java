package dev.gakushu.cli;

import dev.gakushu.Version;
import dev.gakushu.data.Split;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.train.Evaluation;
import dev.gakushu.train.MetricsLog;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainConfig;
import dev.gakushu.train.TrainResult;
import dev.gakushu.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Trains a network and writes a run directory with config.json, metrics.jsonl and summary.json."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    OptimizerOptions optimizerOptions;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "N",
            description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N",
            description = "Examples per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--no-shuffle",
            description = "Visit the training rows in their stored order every epoch instead of a fresh seeded shuffle.")
    boolean noShuffle;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory to create; it must be new or empty (default: runs/<time>-train).")
    Path out;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        validate();
        PrintWriter stdout = spec.commandLine().getOut();
        Split split = model.loadData();
        Network network = model.buildNetwork(split);
        network.setWeightDecay(optimizerOptions.l2Penalty(model.conventions()));
        Optimizer opt = optimizerOptions.build(model.conventions());
        TrainConfig config = new TrainConfig(epochs, batchSize, !noShuffle, model.seed(), optimizerOptions.schedule(),
                optimizerOptions.clipNorm());

        RunDirectory run = out != null ? RunDirectory.createAt(out) : RunDirectory.createUnder(Path.of("runs"), "train");
        run.writeJson("config.json", configJson(split, network));
        stdout.printf(Locale.ROOT, "training %s on %s: %d train, %d validation, %d test rows, %d threads%n",
                network.describe(), model.data.data, split.train().size(), split.validation().size(),
                split.test().size(), model.threads());
        stdout.flush();

        boolean bar = !noProgress && Terminal.interactive();
        Trainer trainer = new Trainer(config, List.of(new ConsoleReport(stdout, bar), new MetricsLog(run)));
        TrainResult result = trainer.fit(network, opt, split.train(), split.validation());
        Evaluation test = Evaluation.of(network, split.test());
        run.writeJson("summary.json", summaryJson(result, test));

        stdout.printf(Locale.ROOT, "test loss %.4f  test accuracy %.4f  (%d rows)  %.1f s, %.0f samples/s%n",
                test.loss(), test.accuracy(), test.rows(), result.seconds(), result.samplesPerSecond());
        stdout.printf("run directory: %s%n", run.path());
        return 0;
    }

    private void validate() {
        model.validate();
        optimizerOptions.validate(model.conventions());
        Checks.atLeast(spec, "--epochs", epochs, 1);
        Checks.atLeast(spec, "--batch-size", batchSize, 1);
        if (out != null) {
            RunDirectory.requireUsable(out);
        }
    }

    private Map<String, Object> configJson(Split split, Network network) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("gakushu_version", Version.get());
        c.put("command", "train");
        c.putAll(model.settings());
        c.put("rows", Map.of("train", split.train().size(), "validation", split.validation().size(),
                "test", split.test().size()));
        c.put("network", network.describe());
        c.putAll(optimizerOptions.settings(model.conventions()));
        c.put("epochs", epochs);
        c.put("batch_size", batchSize);
        c.put("shuffle", !noShuffle);
        return c;
    }

    private static Map<String, Object> summaryJson(TrainResult result, Evaluation test) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("test_loss", MetricsLog.finiteOrNull(test.loss()));
        s.put("test_accuracy", MetricsLog.finiteOrNull(test.accuracy()));
        s.put("test_rows", test.rows());
        s.put("epochs", result.history().size());
        s.put("steps", result.steps());
        s.put("seconds", result.seconds());
        s.put("samples_per_second", result.samplesPerSecond());
        s.put("final_train_loss", result.last().trainLoss());
        s.put("final_validation_accuracy", MetricsLog.finiteOrNull(result.last().validationAccuracy()));
        return s;
    }
}
