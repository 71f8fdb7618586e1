package dev.gakushu.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Runs one of the chapter's experiments and writes its figure, data and findings."},
        subcommands = {OptimizerPathsCommand.class})
final class ExperimentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
