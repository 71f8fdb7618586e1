package dev.gakushu.cli;

import dev.gakushu.Conventions;
import dev.gakushu.Version;
import dev.gakushu.experiments.Finding;
import dev.gakushu.experiments.OptimizerPaths;
import dev.gakushu.experiments.OptimizerPathsFigure;
import dev.gakushu.report.Figure;
import dev.gakushu.train.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "optimizer-paths", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The paths of SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam on f(x, y) = x²/20 + y² from (-7, 2).",
                "Writes optimizer-paths.png and .svg, paths.json, findings.json and config.json."})
final class OptimizerPathsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--conventions", defaultValue = "book", paramLabel = "NAME",
            description = "book (default, as the book's figure) or pytorch.")
    String conventions;

    @Option(names = "--points", defaultValue = "30", paramLabel = "N",
            description = "Positions recorded per optimizer, the first being the start (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory to create; it must be new or empty (default: runs/<time>-optimizer-paths).")
    Path out;

    @Override
    public Integer call() {
        Conventions c = conventions();
        Checks.atLeast(spec, "--points", points, 2);
        if (out != null) {
            RunDirectory.requireUsable(out);
        }
        List<OptimizerPaths.Path> paths = OptimizerPaths.run(c, points);
        List<Finding> findings = OptimizerPaths.findings(paths);

        RunDirectory run = out != null ? RunDirectory.createAt(out) : RunDirectory.createUnder(Path.of("runs"), "optimizer-paths");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("gakushu_version", Version.get());
        config.put("experiment", "optimizer-paths");
        config.put("function", "f(x, y) = x^2/20 + y^2");
        config.put("start", List.of(OptimizerPaths.START_X, OptimizerPaths.START_Y));
        config.put("points", points);
        config.put("conventions", c.id());
        config.put("learning_rates", OptimizerPaths.LEARNING_RATES);
        run.writeJson("config.json", config);
        List<Map<String, Object>> pathJson = new ArrayList<>();
        for (OptimizerPaths.Path p : paths) {
            pathJson.add(Map.of("optimizer", p.optimizer(), "lr", p.learningRate(), "x", p.x(), "y", p.y()));
        }
        run.writeJson("paths.json", pathJson);
        run.writeJson("findings.json", findings);
        Figure figure = OptimizerPathsFigure.of(paths);
        run.write("optimizer-paths.png", figure.png());
        run.write("optimizer-paths.svg", figure.svg());

        PrintWriter stdout = spec.commandLine().getOut();
        for (OptimizerPaths.Path p : paths) {
            stdout.printf(Locale.ROOT, "%-9s lr %-5s final (%7.3f, %7.3f)  distance to minimum %.4f%n", p.optimizer(),
                    p.learningRate(), p.x()[p.x().length - 1], p.y()[p.y().length - 1], p.finalDistance());
        }
        for (Finding f : findings) {
            stdout.printf("%s %s%n", f.holds() ? "[holds]" : "[does not hold]", f.statement());
        }
        stdout.printf("run directory: %s%n", run.path());
        return 0;
    }

    Conventions conventions() {
        return Checks.conventions(spec, conventions);
    }
}
