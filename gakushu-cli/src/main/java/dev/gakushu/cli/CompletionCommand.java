package dev.gakushu.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(gakushu completion bash)     # in ~/.bashrc",
      "  source <(gakushu completion zsh)      # in ~/.zshrc",
    },
    mixinStandardHelpOptions = true,
    description = {
      "Prints a shell script that completes gakushu's commands, options and option values "
          + "(optimizers, activations, initialisers, data sets, experiments).",
      "bash and zsh take the same script (picocli's AutoComplete): in zsh it turns on bash "
          + "completion (bashcompinit) first. fish takes a script of its own: save it as "
          + "~/.config/fish/completions/gakushu.fish."
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      completionCandidates = Candidates.Shells.class,
      description = "bash, zsh or fish.")
  String shell;

  @Override
  public Integer call() {
    if (!Candidates.Shells.NAMES.contains(shell)) {
      throw Checks.invalid(spec, "SHELL", "'" + shell + "'", "bash, zsh or fish");
    }
    spec.commandLine()
        .getOut()
        .print(
            shell.equals("fish")
                ? FishCompletion.script(spec.root().commandLine())
                : AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
