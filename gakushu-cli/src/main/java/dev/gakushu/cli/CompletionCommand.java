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
      "Prints a shell script that completes gakushu's commands and options (from picocli's "
          + "AutoComplete).",
      "bash and zsh take the same script: in zsh it turns on bash completion (bashcompinit) first."
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw Checks.invalid(spec, "SHELL", "'" + shell + "'", "bash or zsh");
    }
    spec.commandLine()
        .getOut()
        .print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
