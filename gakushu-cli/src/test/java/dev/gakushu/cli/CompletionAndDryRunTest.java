package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionAndDryRunTest {
  @TempDir Path tmp;

  @Test
  void completionPrintsABashScriptThatKnowsTheCommandsAndOptions() {
    CliRunner bash = CliRunner.run("completion", "bash");
    assertThat(bash.status()).as(bash.err()).isZero();
    assertThat(bash.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_gakushu")
        .contains("train", "tune", "evaluate", "experiment", "compare", "completion")
        .contains("--optimizer", "--early-stop");
    CliRunner zsh = CliRunner.run("completion", "zsh");
    assertThat(zsh.status()).isZero();
    assertThat(zsh.out()).contains("bashcompinit").contains("_complete_gakushu");
  }

  @Test
  void completionForAnotherShellIsBadInput() {
    CliRunner r = CliRunner.run("completion", "powershell");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'powershell' (expected bash, zsh or fish)");
  }

  /** Option values complete from the library's lists, in bash (and zsh) and in fish. */
  @Test
  void completionOffersOptionValues() {
    CliRunner bash = CliRunner.run("completion", "bash");
    assertThat(bash.status()).as(bash.err()).isZero();
    assertThat(bash.out())
        .contains(
            "OPTIMIZER_option_args=(\"sgd\" \"momentum\" \"nesterov\" \"adagrad\" \"rmsprop\""
                + " \"adam\" \"adamw\")")
        .contains("ACTIVATION_option_args=(\"relu\" \"sigmoid\" \"tanh\")")
        .contains("INIT_option_args=(\"zeros\" \"normal\" \"xavier\"")
        .contains("SOURCE_option_args=(\"digits\" \"mnist\" \"fashion-mnist\")")
        .contains("\"optimizer-paths\" \"optimizer-compare\"");
    CliRunner fish = CliRunner.run("completion", "fish");
    assertThat(fish.status()).as(fish.err()).isZero();
    assertThat(fish.out())
        .contains("complete -c gakushu -n '__fish_use_subcommand' -a train")
        .contains(
            "complete -c gakushu -n '__fish_seen_subcommand_from train' -l optimizer -r -a 'sgd"
                + " momentum nesterov adagrad rmsprop adam adamw'")
        .contains("-l activation -r -a 'relu sigmoid tanh'")
        .contains("-l data -r -a 'digits mnist fashion-mnist'")
        .contains("-l out -r -F")
        .contains("-a 'bash zsh fish'")
        .contains("__fish_seen_subcommand_from experiment' -a 'optimizer-paths optimizer-compare");
  }

  /**
   * On the digits (64 inputs, 10 classes), by hand: dense(64→30) 64·30 + 30 = 1950, BatchNorm(30)
   * γ, β 60 trained + running mean, variance 60; dense(30→20) 30·20 + 20 = 620, BatchNorm(20) 40 +
   * 40; dense(20→10) 20·10 + 10 = 210. Trained 1950 + 60 + 620 + 40 + 210 = 2880, not trained 100.
   */
  @Test
  void dryRunPrintsTheLayersShapesAndParameterCountsAndWritesNothing() {
    Path out = tmp.resolve("never");
    CliRunner r =
        CliRunner.run(
            "train", "--hidden", "30,20", "--batch-norm", "--dry-run", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("would train dense(64->30) batchnorm(30) relu dense(30->20)")
        .containsPattern("dense\\(64->30\\) +\\(batch, 30\\) +1,950")
        .containsPattern("batchnorm\\S* +\\(batch, 30\\) +120")
        .containsPattern("relu +\\(batch, 30\\) +0")
        .containsPattern("dense\\(30->20\\) +\\(batch, 20\\) +620")
        .containsPattern("dense\\(20->10\\) +\\(batch, 10\\) +210")
        .contains("Total params: 2,980")
        .contains("Trainable params: 2,880")
        .contains("Non-trainable params: 100")
        .contains("dry run: nothing trained or written");
    assertThat(out).doesNotExist();
  }
}
