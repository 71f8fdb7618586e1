package dev.gakushu.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import dev.gakushu.Conventions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run specification written by hand: a partial file takes the defaults for what it leaves out, as
 * the builder would, and every refusal names the file and the field in the file's own terms.
 */
class HandWrittenSpecTest {
  private static RunSpec parse(String json) {
    return RunSpecJson.parse(json, "config.json");
  }

  @Test
  void aPartialFileIsTheDefaultsWithWhatItGives() {
    assertThat(parse("{\"loop\": {\"epochs\": 3}}")).isEqualTo(RunSpec.builder().epochs(3).build());
    assertThat(parse("{}")).isEqualTo(RunSpec.defaults());
    assertThat(
            parse(
                "{\"network\": {\"hidden\": [16], \"batch_norm\": {\"momentum\": 0.2}},"
                    + " \"optimizer\": {\"name\": \"sgd\", \"lr\": 0.1},"
                    + " \"loop\": {\"early_stopping\": {\"patience\": 2}}, \"seed\": 7}"))
        .isEqualTo(
            RunSpec.builder()
                .hidden(16)
                .batchNorm(true)
                .batchNormMomentum(0.2)
                .optimizer("sgd")
                .lr(0.1)
                .earlyStopping(new EarlyStopping(2, 0))
                .seed(7)
                .build());
  }

  @Test
  void theConventionsAndTheOptimizerDecideTheDefaultsOfTheirSettings() {
    RunSpec book = parse("{\"conventions\": \"book\", \"network\": {\"batch_norm\": {}}}");
    RunSpec built = RunSpec.builder().conventions(Conventions.BOOK).batchNorm(true).build();
    assertThat(book).isEqualTo(built);
    assertThat(((OptimizerSettings.Adam) book.optimizer()).eps()).isEqualTo(1e-7);
    assertThat(book.network().batchNorm().epsilon()).isEqualTo(1e-6);
    assertThat(parse("{\"optimizer\": {\"name\": \"rmsprop\"}}").optimizer())
        .isEqualTo(OptimizerSettings.defaults("rmsprop", Conventions.PYTORCH));
  }

  @Test
  void changingTheConventionsOfABuilderMovesTheSettingsLeftAtTheirDefaults() {
    RunSpec book = RunSpec.defaults().toBuilder().conventions(Conventions.BOOK).build();
    assertThat(book).isEqualTo(RunSpec.builder().conventions(Conventions.BOOK).build());
    RunSpec chosen =
        RunSpec.builder().optimizerSetting("eps", 1e-3).build().toBuilder()
            .conventions(Conventions.BOOK)
            .build();
    assertThat(((OptimizerSettings.Adam) chosen.optimizer()).eps()).isEqualTo(1e-3);
  }

  @Test
  void aCompleteFileReadsAsItWasWritten() {
    RunSpec spec =
        RunSpec.builder()
            .optimizer("adamw")
            .batchNorm(true)
            .l1(1e-4)
            .conventions(Conventions.BOOK)
            .threads(3)
            .build();
    assertThat(parse(RunSpecJson.write(spec))).isEqualTo(spec);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"loop\": {\"epoch\": 3}}|config.json: unknown field \"loop.epoch\"; did you mean \"loop.epochs\"?",
        "{\"sead\": 3}|config.json: unknown field \"sead\"; did you mean \"seed\"?",
        "{\"network\": {\"hiden\": [3]}}|config.json: unknown field \"network.hiden\"; did you mean \"network.hidden\"?",
        "{\"network\": {\"batch_norm\": {\"epsilno\": 1e-3}}}|config.json: unknown field \"network.batch_norm.epsilno\"; did you mean \"network.batch_norm.epsilon\"?",
        "{\"loop\": {\"colour\": 3}}|config.json: unknown field \"loop.colour\"; expected one of epochs, batch_size, sampling, clip_norm, validate_every, early_stopping",
        "{\"loop\": {\"sampling\": \"random\"}}|config.json: loop.sampling must be one of shuffle, in-order, with-replacement, got \"random\"",
        "{\"loop\": {\"sampling\": true}}|config.json: loop.sampling must be one of shuffle, in-order, with-replacement, got true",
        "{\"loop\": {\"sampling\": \"in-order\", \"shuffle\": false}}|config.json: loop.shuffle and loop.sampling both given; expected loop.sampling alone (it replaces loop.shuffle: true is \"shuffle\", false \"in-order\")",
        "{\"optimizer\": {\"momentum\": 0.9}}|config.json: optimizer.momentum: no momentum with optimizer adam; it applies to momentum, nesterov",
        "{\"optimizer\": {\"name\": \"adma\"}}|config.json: optimizer.name must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, got \"adma\"; did you mean \"adam\"?",
        "{\"conventions\": \"keras\"}|config.json: conventions must be one of pytorch, book, got \"keras\"",
        "{\"loop\": {\"epochs\": \"ten\"}}|config.json: loop.epochs must be an integer, got \"ten\"",
        "{\"loop\": {\"epochs\": \"10\"}}|config.json: loop.epochs must be an integer, got \"10\"",
        "{\"loop\": {\"epochs\": 2.5}}|config.json: loop.epochs must be an integer, got 2.5",
        "{\"loop\": {\"epochs\": null}}|config.json: loop.epochs must be an integer, got null",
        "{\"loop\": {\"shuffle\": 1}}|config.json: loop.shuffle must be true or false, got 1",
        "{\"loop\": 5}|config.json: loop must be an object, got 5",
        "{\"optimizer\": 3}|config.json: optimizer must be an object, got 3",
        "{\"loop\": {\"epochs\": 99999999999}}|config.json: loop.epochs must be an integer from -2147483648 to 2147483647, got 99999999999",
        "{\"seed\": 123456789012345678901234567890}|config.json: seed must be an integer from -9223372036854775808 to 9223372036854775807, got 123456789012345678901234567890",
        "{\"network\": {\"hidden\": [10, \"x\"]}}|config.json: network.hidden[1] must be an integer, got \"x\"",
        "{\"network\": {\"activation\": \"rellu\"}}|config.json: network.activation must be one of relu, sigmoid, tanh, got \"rellu\"",
        "{\"network\": {\"activation\": 1}}|config.json: network.activation must be one of relu, sigmoid, tanh, got 1",
        "{\"network\": {\"init\": 5}}|config.json: network.init must be one of zeros, normal, xavier, glorot-normal, glorot-uniform, he, he-uniform, got 5",
        "{\"network\": {\"hidden\": [8, null]}}|config.json: network: not a usable value",
        "{\"optimizer\": {\"lr\": \"fast\"}}|config.json: optimizer.lr must be a number, got \"fast\"",
        "{\"loop\": {\"epochs\": 0}}|config.json: loop.epochs = 0: expected a whole number >= 1",
        "{\"loop\": {\"early_stopping\": {\"min_delta\": 0.1}}}|config.json: loop.early_stopping needs patience, a whole number >= 1",
        "{\"schedule\": {\"warmup\": -1}}|config.json: schedule: warm-up = -1 is not a whole number >= 0",
        "[1, 2]|config.json: not a run specification: expected a JSON object, got a list",
        "{\"loop\": {\"epochs\": 3}|config.json: not a run specification: invalid JSON at line 1",
        "{\"seed\": 1, \"seed\": 2}|config.json: not a run specification: invalid JSON at line 1",
        "{} {}|config.json: not a run specification: invalid JSON at line 1",
      })
  void aRefusalNamesTheFileTheFieldAndWhatItMustBe(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(BadInputException.class)
        .message()
        .startsWith(message)
        .doesNotContain("dev.gakushu")
        .doesNotContain("com.fasterxml")
        .doesNotContain("class ")
        .doesNotContain("Exception")
        .doesNotContain("creator")
        .doesNotContain("Source");
  }

  @Test
  void aValueOutOfRangeKeepsItsFieldAndNamesItsFile() {
    assertThatThrownBy(() -> parse("{\"optimizer\": {\"lr\": -1}}"))
        .isInstanceOfSatisfying(
            InvalidSpecException.class,
            e -> {
              assertThat(e.field()).isEqualTo("optimizer.lr");
              assertThat(e.origin()).isEqualTo("config.json");
            });
  }

  @Test
  void theNearestNameIsWithinAFewEditsOrNone() {
    assertThat(Nearest.distance("epoch", "epochs")).isEqualTo(1);
    assertThat(Nearest.distance("epcohs", "epochs")).isEqualTo(1);
    assertThat(Nearest.distance("", "abc")).isEqualTo(3);
    // hand-counted: "abc" → "x" is two deletions and a substitution; "ca" → "abc" is 3 in the
    // optimal string alignment (the swapped "ac" may not be edited again), 2 in unrestricted
    // Damerau–Levenshtein
    assertThat(Nearest.distance("ab", "")).isEqualTo(2);
    assertThat(Nearest.distance("abc", "x")).isEqualTo(3);
    assertThat(Nearest.distance("ca", "abc")).isEqualTo(3);
    assertThat(Nearest.to("batchsize", List.of("epochs", "batch_size"))).isEqualTo("batch_size");
    assertThat(Nearest.to("Epochs", List.of("epochs"))).isEqualTo("epochs");
    assertThat(Nearest.to("colour", List.of("epochs", "batch_size"))).isNull();
  }
}
