package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradcheckCommandTest {
  @ParameterizedTest
  @ValueSource(strings = {"relu", "sigmoid", "tanh"})
  void passesForEveryActivationAndListsEveryParameter(String activation) {
    CliRunner r =
        CliRunner.run(
            "gradcheck", "--activation", activation, "--hidden", "40,30", "--entries", "100");
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("dense1.W")
        .contains("dense2.b")
        .contains("dense3.W")
        .contains("all parameters agree");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "book"})
  void passesWithBatchNormDropoutAndWeightDecay(String conventions) {
    CliRunner r =
        CliRunner.run(
            "gradcheck",
            "--batch-norm",
            "--dropout",
            "0.2",
            "--weight-decay",
            "0.1",
            "--hidden",
            "30,20",
            "--conventions",
            conventions,
            "--entries",
            "100");
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("bn1.gamma").contains("bn2.beta").contains("all parameters agree");
  }

  @Test
  void anImpossiblyStrictThresholdFailsWithStatusOne() {
    CliRunner r = CliRunner.run("gradcheck", "--hidden", "20", "--threshold", "1e-12");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL").contains("disagrees");
  }

  @Test
  void badOptionsAreBadInput() {
    CliRunner r = CliRunner.run("gradcheck", "--entries", "0");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'--entries': 0");
  }
}
