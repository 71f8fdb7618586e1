package dev.gakushu.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gakushu.BadInputException;
import dev.gakushu.Conventions;
import dev.gakushu.Range;
import dev.gakushu.optim.OptimizerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of a run specification's ranges (each bound itself, on both sides), what each
 * optimizer's settings build, the builder's rules for switching optimizer and conventions, and the
 * words of its refusals.
 */
class SpecRangesTest {
  @TempDir Path tmp;

  private static void refused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable r, String field) {
    assertThatThrownBy(r)
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo(field));
  }

  @Test
  void eachCheckTakesItsBoundsAndReturnsTheValue() {
    assertThat(Check.positive("f", Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    assertThat(Check.positive("f", 2.5)).isEqualTo(2.5);
    refused(() -> Check.positive("f", 0), "f");
    refused(() -> Check.positive("f", Double.POSITIVE_INFINITY), "f");
    refused(() -> Check.positive("f", Double.NaN), "f");
    assertThat(Check.nonNegative("f", 0.75)).isEqualTo(0.75);
    assertThat(Check.nonNegative("f", 0)).isZero();
    refused(() -> Check.nonNegative("f", -Double.MIN_VALUE), "f");
    refused(() -> Check.nonNegative("f", Double.POSITIVE_INFINITY), "f");
    for (boolean share : new boolean[] {false, true}) {
      java.util.function.DoubleUnaryOperator check =
          v -> share ? Check.share("s", v) : Range.UNIT_INTERVAL.check("s", v, Check.REFUSAL);
      assertThat(check.applyAsDouble(0)).isZero();
      assertThat(check.applyAsDouble(0.25)).isEqualTo(0.25);
      assertThat(check.applyAsDouble(Math.nextDown(1.0))).isEqualTo(Math.nextDown(1.0));
    }
    refused(() -> Check.share("s", 1), "s");
    refused(() -> Check.share("s", -Double.MIN_VALUE), "s");
    refused(() -> Check.share("s", Double.NaN), "s");
    refused(() -> Range.UNIT_INTERVAL.check("s", 1, Check.REFUSAL), "s");
    refused(() -> Range.UNIT_INTERVAL.check("s", -Double.MIN_VALUE, Check.REFUSAL), "s");
    refused(() -> Range.UNIT_INTERVAL.check("s", Double.NaN, Check.REFUSAL), "s");
    assertThat(Check.atLeast("n", 7, 7)).isEqualTo(7);
    assertThat(Check.atLeast("n", 9, 7)).isEqualTo(9);
    refused(() -> Check.atLeast("n", 6, 7), "n");
  }

  @Test
  void aRefusalKeepsItsValueAndWhatIsAllowed() {
    InvalidSpecException e = new InvalidSpecException("loop.epochs", 0, "a whole number >= 1");
    assertThat(e.value()).isEqualTo("0");
    assertThat(e.expected()).isEqualTo("a whole number >= 1");
    assertThat(e.origin()).isNull();
    InvalidSpecException inFile = e.in("run.json");
    assertThat(inFile.origin()).isEqualTo("run.json");
    assertThat(inFile.value()).isEqualTo("0");
    assertThat(inFile.expected()).isEqualTo("a whole number >= 1");
    assertThat(inFile).hasMessage("run.json: loop.epochs = 0: expected a whole number >= 1");
  }

  /**
   * Each optimizer's settings build that optimizer with those settings and the conventions' form.
   */
  @Test
  void eachOptimizerIsBuiltWithItsOwnSettings() {
    Map<OptimizerSettings, String> built =
        Map.of(
            new OptimizerSettings.Sgd(0.25), "sgd(lr=0.25)",
            new OptimizerSettings.Momentum(0.25, 0.5), "momentum(lr=0.25, momentum=0.5, form=book)",
            new OptimizerSettings.Nesterov(0.125, 0.75),
                "nesterov(lr=0.125, momentum=0.75, form=book)",
            new OptimizerSettings.AdaGrad(0.5, 0.001), "adagrad(lr=0.5, eps=0.001)",
            new OptimizerSettings.RmsProp(0.5, 0.8, 0.002), "rmsprop(lr=0.5, rho=0.8, eps=0.002)");
    built.forEach((s, text) -> assertThat(s.build(Conventions.BOOK)).hasToString(text));
    assertThat(new OptimizerSettings.Momentum(0.25, 0.5).build(Conventions.PYTORCH))
        .hasToString("momentum(lr=0.25, momentum=0.5, form=pytorch)");
    assertThat(new OptimizerSettings.Adam(0.5, 0.8, 0.9, 0.003, true).build(Conventions.BOOK))
        .asString()
        .startsWith("adam(lr=0.5, beta1=0.8, beta2=0.9");
    assertThat(
            new OptimizerSettings.AdamW(0.5, 0.8, 0.9, 0.003, 0.04, false).build(Conventions.BOOK))
        .asString()
        .startsWith("adamw(lr=0.5, beta1=0.8, beta2=0.9")
        .endsWith("weight_decay=0.04)");
    for (String name : OptimizerKind.ids()) {
      OptimizerSettings d = OptimizerSettings.defaults(name, Conventions.PYTORCH);
      assertThat(d.name()).isEqualTo(name);
      assertThat(d.build(Conventions.PYTORCH).id()).isEqualTo(name);
      OptimizerSettings faster = d.with("lr", 0.75);
      assertThat(faster.name()).isEqualTo(name);
      assertThat(faster.lr()).isEqualTo(0.75);
    }
    assertThat(new OptimizerSettings.Nesterov(0.1, 0.5).with("momentum", 0.25))
        .isEqualTo(new OptimizerSettings.Nesterov(0.1, 0.25));
    assertThat(new OptimizerSettings.AdaGrad(0.1, 0.5).with("eps", 0.25))
        .isEqualTo(new OptimizerSettings.AdaGrad(0.1, 0.25));
    refused(() -> new OptimizerSettings.AdaGrad(0.1, 0.5).with("rho", 0.5), "optimizer.rho");
  }

  @Test
  void theNearestNameIsTheFirstOfThoseEquallyNear() {
    assertThat(Nearest.to("ab", List.of("ac", "ad"))).isEqualTo("ac");
    assertThat(Nearest.to("ab", List.of("ad", "ac"))).isEqualTo("ad");
    assertThat(Nearest.to("LR", List.of("momentum", "lr"))).isEqualTo("lr");
    assertThat(Nearest.to("xyz", List.of("lr"))).isNull();
  }

  /** Known optimal-string-alignment distances (it is not the unrestricted Damerau distance). */
  @Test
  void theDistanceCountsAdjacentSwapsOnce() {
    assertThat(Nearest.distance("ab", "ab")).isZero();
    assertThat(Nearest.distance("ab", "ba")).isEqualTo(1);
    assertThat(Nearest.distance("abc", "acb")).isEqualTo(1);
    assertThat(Nearest.distance("ca", "abc")).isEqualTo(3); // 2 for Damerau–Levenshtein
    assertThat(Nearest.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Nearest.distance("", "abc")).isEqualTo(3);
    assertThat(Nearest.distance("aab", "aba")).isEqualTo(1);
  }

  @Test
  void eachKindOfFieldIsWordedForMessages() {
    assertThat(SpecErrors.kind(int.class)).isEqualTo("an integer");
    assertThat(SpecErrors.kind(Integer.class)).isEqualTo("an integer");
    assertThat(SpecErrors.kind(long.class)).isEqualTo("an integer");
    assertThat(SpecErrors.kind(Long.class)).isEqualTo("an integer");
    assertThat(SpecErrors.kind(double.class)).isEqualTo("a number");
    assertThat(SpecErrors.kind(Double.class)).isEqualTo("a number");
    assertThat(SpecErrors.kind(float.class)).isEqualTo("a number");
    assertThat(SpecErrors.kind(boolean.class)).isEqualTo("true or false");
    assertThat(SpecErrors.kind(Boolean.class)).isEqualTo("true or false");
    assertThat(SpecErrors.kind(String.class)).isEqualTo("a string");
    assertThat(SpecErrors.kind(Conventions.class)).isEqualTo("one of pytorch, book");
    assertThat(SpecErrors.kind(List.class)).isEqualTo("a list");
    assertThat(SpecErrors.kind(int[].class)).isEqualTo("a list");
    assertThat(SpecErrors.kind(Map.class)).isEqualTo("an object");
    assertThat(SpecErrors.kind(Regularization.class)).isEqualTo("an object");
    assertThat(SpecErrors.kind(OptimizerSettings.class)).isEqualTo("an object");
    assertThat(SpecErrors.kind(Object.class)).isEqualTo("a value of another kind");
  }

  @Test
  void aValueIsShownAsItsTextOrItsKind() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(SpecTree.shown(f.textNode("adam"))).isEqualTo("\"adam\"");
    assertThat(SpecTree.shown(f.numberNode(3))).isEqualTo("3");
    assertThat(SpecTree.shown(f.objectNode())).isEqualTo("an object");
    assertThat(SpecTree.shown(f.arrayNode())).isEqualTo("a list");
    assertThat(SpecTree.shown(MissingNode.getInstance())).isEqualTo("nothing");
  }

  @Test
  void theFirstEntryOfAListIsNamedByItsIndex() {
    assertThatThrownBy(() -> RunSpecJson.parse("{\"network\": {\"hidden\": [\"x\"]}}", "s.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("network.hidden[0]")
        .hasMessageContaining("\"x\"");
  }

  @Test
  void theSplitsMustLeaveTrainingData() {
    assertThat(new DataSpec("digits", null, null, 0.5, 0.25, true).validationSplit())
        .isEqualTo(0.5);
    // 0.25 + (0.75 − 2⁻⁵³) = 1 − 2⁻⁵³ exactly
    assertThat(new DataSpec("digits", null, null, 0.25, Math.nextDown(0.75), true).testSplit())
        .isEqualTo(Math.nextDown(0.75));
    refused(() -> new DataSpec("digits", null, null, 0.5, 0.5, true), "data.validation_split");
    refused(() -> new DataSpec("digits", null, null, 0.75, 0.5, true), "data.validation_split");
    refused(() -> new DataSpec("digits", null, null, 0.0, 1.0, true), "data.test_split");
  }

  @Test
  void threadsRangeFromOneTo1024AndDefaultToTheCores() {
    assertThat(RunSpec.builder().threads(1024).build().threads()).isEqualTo(1024);
    assertThat(RunSpec.builder().threads(1).build().threads()).isEqualTo(1);
    refused(() -> RunSpec.builder().threads(1025).build(), "threads");
    refused(() -> RunSpec.builder().threads(0).build(), "threads");
    assertThat(RunSpec.defaults().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void aSearchedWholeNumberRangesFromOneToTheLargestInt() {
    RunSpec d = RunSpec.defaults();
    assertThat(d.with("epochs", 1).loop().epochs()).isEqualTo(1);
    assertThat(d.with("epochs", Integer.MAX_VALUE).loop().epochs()).isEqualTo(Integer.MAX_VALUE);
    refused(() -> d.with("epochs", 0), "loop.epochs");
    refused(() -> d.with("epochs", Integer.MAX_VALUE + 1.0), "loop.epochs");
    refused(() -> d.with("batch-size", 2.5), "loop.batch_size");
  }

  @Test
  void anotherOptimizerDropsTheSettingsGivenForThePreviousOne() {
    double sgdLr = OptimizerSettings.defaults("sgd", Conventions.PYTORCH).lr();
    assertThat(RunSpec.builder().lr(0.5).optimizer("sgd").build().optimizer().lr())
        .isEqualTo(sgdLr);
    assertThat(RunSpec.builder().lr(0.5).optimizer("adam").build().optimizer().lr()).isEqualTo(0.5);
    assertThat(
            RunSpec.builder()
                .optimizer("momentum")
                .optimizerSetting("momentum", 0.5)
                .validateEvery(2)
                .build())
        .satisfies(
            s -> {
              assertThat(s.optimizer())
                  .isEqualTo(
                      new OptimizerSettings.Momentum(
                          OptimizerSettings.defaults("momentum", Conventions.PYTORCH).lr(), 0.5));
              assertThat(s.loop().validateEvery()).isEqualTo(2);
            });
    // the weight decay changes meaning to and from adamw, so it is dropped then only
    assertThat(
            RunSpec.builder()
                .weightDecay(0.1)
                .optimizer("sgd")
                .build()
                .regularization()
                .weightDecay())
        .isEqualTo(0.1);
    RunSpec toAdamW = RunSpec.builder().weightDecay(0.1).optimizer("adamw").build();
    assertThat(toAdamW.regularization().weightDecay()).isZero();
    assertThat(((OptimizerSettings.AdamW) toAdamW.optimizer()).weightDecay()).isEqualTo(0.01);
    RunSpec fromAdamW =
        RunSpec.builder().optimizer("adamw").weightDecay(0.05).optimizer("sgd").build();
    assertThat(fromAdamW.regularization().weightDecay()).isZero();
  }

  @Test
  void aBatchNormEpsilonAtTheOldConventionsDefaultTakesTheNewOne() {
    double pytorch = Conventions.PYTORCH.batchNormEpsilon;
    double book = Conventions.BOOK.batchNormEpsilon;
    assertThat(
            RunSpec.builder()
                .batchNorm(true)
                .batchNormEpsilon(pytorch)
                .conventions(Conventions.BOOK)
                .build()
                .network()
                .batchNorm()
                .epsilon())
        .isEqualTo(book);
    assertThat(
            RunSpec.builder()
                .batchNorm(true)
                .batchNormEpsilon(0.001)
                .conventions(Conventions.BOOK)
                .build()
                .network()
                .batchNorm()
                .epsilon())
        .isEqualTo(0.001);
  }

  @Test
  void anotherSeedOrOtherDataChangeOnlyThat() {
    RunSpec d = RunSpec.builder().seed(3).hidden(7).build();
    RunSpec seeded = d.withSeed(11);
    assertThat(seeded.seed()).isEqualTo(11);
    assertThat(seeded.withSeed(3)).isEqualTo(d);
    DataSpec iris = DataSpec.of("iris.csv");
    RunSpec other = d.withData(iris);
    assertThat(other.data()).isEqualTo(iris);
    assertThat(other.withData(d.data())).isEqualTo(d);
  }

  @Test
  void aNetworkThatFitsIsTakenAndOneThatDoesNotIsRefused() {
    RunSpec small = RunSpec.builder().hidden(4).build();
    small.requireMemory(4, 3, 8, 1); // a few kilobytes
    refused(() -> small.requireMemory(1L << 40, 3, 8, 1), "network.hidden");
    assertThat(NetworkSettings.defaults().hidden()).containsExactly(100, 100);
  }

  @Test
  void aFileOfExactlyTheLargestSizeIsRead() throws Exception {
    Path file = tmp.resolve("spec.json");
    String json = "{\"seed\": 5}";
    Files.writeString(file, json + " ".repeat((int) RunSpecJson.MAX_BYTES - json.length()));
    assertThat(Files.size(file)).isEqualTo(RunSpecJson.MAX_BYTES);
    assertThat(RunSpecJson.read(file).seed()).isEqualTo(5);
    Files.writeString(file, " ", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> RunSpecJson.read(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining((RunSpecJson.MAX_BYTES + 1) + " bytes");
  }

  private static dev.gakushu.data.Dataset rows(String name, int n) {
    float[] x = new float[n * 2];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      labels[i] = i % 2;
    }
    return new dev.gakushu.data.Dataset(
        name, dev.gakushu.tensor.Matrix.of(n, 2, x), labels, List.of("even", "odd"));
  }

  @Test
  void aTestSplitIsRefusedForDataWithATestPartOfItsOwn() {
    dev.gakushu.data.DataSource own =
        new dev.gakushu.data.DataSource("set", rows("pool", 40), rows("test", 6), "o", 0.25, 1);
    refused(
        () -> new DataSpec("set", null, null, null, 0.1, false).prepare(own, 1), "data.test_split");
    DataSpec.PreparedData p = new DataSpec("set", null, null, null, null, false).prepare(own, 1);
    assertThat(p.split().test().size()).isEqualTo(6);
    assertThat(p.split().validation().size()).isEqualTo(10); // the source's own share, 0.25
    assertThat(p.standardizer()).isNull();
    dev.gakushu.data.DataSource pooled =
        new dev.gakushu.data.DataSource("set", rows("pool", 40), null, "o", 0.25, 1);
    DataSpec.PreparedData q = new DataSpec("set", null, null, 0.5, 0.25, true).prepare(pooled, 1);
    assertThat(q.split().test().size()).isEqualTo(10);
    assertThat(q.split().validation().size()).isEqualTo(20);
    assertThat(q.standardizer()).isNotNull();
  }
}
