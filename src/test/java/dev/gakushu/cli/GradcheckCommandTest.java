package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"relu", "sigmoid", "tanh"})
    void passesForEveryActivationAndListsEveryParameter(String activation) {
        CliRunner r = CliRunner.run("gradcheck", "--activation", activation, "--hidden", "40,30", "--entries", "100");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("dense1.W").contains("dense2.b").contains("dense3.W").contains("all parameters agree");
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
