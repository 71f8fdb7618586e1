package dev.gakushu.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import dev.gakushu.Conventions;
import dev.gakushu.init.InitScheme;
import dev.gakushu.nn.Activation;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.OptimizerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecTest {
  @Test
  void theJsonFormReadsBackAsTheSameSpecification() {
    RunSpec spec =
        RunSpec.builder()
            .data(new DataSpec("digits", null, null, 0.1, 0.3, false))
            .hidden(30, 20)
            .activation(Activation.TANH)
            .init(InitScheme.NORMAL)
            .initStd(0.05)
            .batchNorm(true)
            .batchNormMomentum(0.2)
            .dropout(0.1)
            .optimizer("rmsprop")
            .lr(0.002)
            .optimizerSetting("rho", 0.9)
            .weightDecay(1e-4)
            .schedule(
                new LearningRateSchedule(
                    LearningRateSchedule.Kind.COSINE,
                    LearningRateSchedule.Unit.STEP,
                    3,
                    1,
                    1,
                    1e-5))
            .epochs(7)
            .batchSize(16)
            .shuffle(false)
            .clipNorm(5)
            .earlyStopping(new EarlyStopping(3, 0.01))
            .conventions(Conventions.BOOK)
            .seed(-9)
            .threads(3)
            .build();
    String json = RunSpecJson.write(spec);
    assertThat(RunSpecJson.parse(json, "test")).isEqualTo(spec);
    assertThat(json)
        .contains("\"name\" : \"rmsprop\"")
        .contains("\"batch_size\" : 16")
        .contains("\"epsilon\" : 1.0E-6") // the book's BatchNorm ε, filled in
        .contains("\"kind\" : \"cosine\"");
    assertThat(RunSpecJson.parse(RunSpecJson.write(RunSpec.defaults()), "d"))
        .isEqualTo(RunSpec.defaults());
  }

  @Test
  void defaultsComeFromTheOptimizerAndTheConventions() {
    RunSpec adam = RunSpec.defaults();
    assertThat(adam.optimizer())
        .isEqualTo(new OptimizerSettings.Adam(1e-3, 0.9, 0.999, 1e-8, false));
    RunSpec sgd = RunSpec.builder().optimizer("sgd").build();
    assertThat(sgd.optimizer().lr()).isEqualTo(0.01);
    RunSpec book = RunSpec.builder().conventions(Conventions.BOOK).build();
    assertThat(((OptimizerSettings.Adam) book.optimizer()).eps()).isEqualTo(1e-7);
    assertThat(adam.network().hidden()).containsExactly(100, 100);
    assertThat(adam.loop().epochs()).isEqualTo(30);
  }

  @Test
  void adamwDecayIsDecoupledOnlyAndTheOthersArePenalties() {
    RunSpec adamw = RunSpec.builder().optimizer("adamw").weightDecay(0.05).build();
    assertThat(((OptimizerSettings.AdamW) adamw.optimizer()).weightDecay()).isEqualTo(0.05);
    assertThat(adamw.regularization().weightDecay()).isZero();
    RunSpec sgd = RunSpec.builder().optimizer("sgd").weightDecay(0.05).build();
    assertThat(sgd.regularization().weightDecay()).isEqualTo(0.05);
    assertThat(adamw.with("weight-decay", 0.2).regularization().weightDecay()).isZero();
    assertThatThrownBy(
            () ->
                new RunSpec(
                    adamw.data(),
                    adamw.network(),
                    new Regularization(0.1),
                    adamw.optimizer(),
                    adamw.schedule(),
                    adamw.loop(),
                    adamw.conventions(),
                    1,
                    1,
                    null))
        .hasMessageContaining("regularization.weight_decay");
  }

  @Test
  void hyperparametersApplyOrAreRefused() {
    RunSpec base = RunSpec.builder().hidden(30, 20).optimizer("momentum").build();
    RunSpec trial = base.with("hidden", 64).with("momentum", 0.5).with("batch-size", 10);
    assertThat(trial.network().hidden()).containsExactly(64, 64);
    assertThat(((OptimizerSettings.Momentum) trial.optimizer()).momentum()).isEqualTo(0.5);
    assertThat(trial.loop().batchSize()).isEqualTo(10);
    assertThatThrownBy(() -> RunSpec.defaults().with("momentum", 0.5))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("no momentum with optimizer adam; it applies to momentum, nesterov");
    assertThatThrownBy(() -> RunSpec.builder().hidden(List.of()).build().with("hidden", 5))
        .hasMessageContaining("network.hidden");
    assertThatThrownBy(() -> base.with("batch-size", 2.5)).hasMessageContaining("loop.batch_size");
  }

  @Test
  void everyOutOfRangeValueNamesItsField() {
    assertField(() -> RunSpec.builder().epochs(0).build(), "loop.epochs");
    assertField(() -> RunSpec.builder().lr(-1).build(), "optimizer.lr");
    assertField(() -> RunSpec.builder().dropout(1).build(), "network.dropout");
    assertField(() -> RunSpec.builder().hidden(10, 0).build(), "network.hidden");
    assertField(() -> RunSpec.builder().init(InitScheme.NORMAL).build(), "network.init");
    assertField(
        () -> RunSpec.builder().batchNormEpsilon(1e-3).build(), "network.batch_norm.epsilon");
    assertField(() -> RunSpec.builder().threads(0).build(), "threads");
    assertField(() -> RunSpec.builder().optimizer("lion").build(), "optimizer.name");
  }

  /** BatchNorm's momentum or ε without network.batch_norm is refused naming the value given. */
  @Test
  void batchNormSettingsWithoutBatchNormNameTheirValue() {
    assertThatThrownBy(() -> RunSpec.builder().batchNormMomentum(0.3).build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("network.batch_norm.momentum = 0.3: expected network.batch_norm as well");
    assertThatThrownBy(() -> RunSpec.builder().batchNormEpsilon(1e-3).build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("network.batch_norm.epsilon = 0.001: expected network.batch_norm as well");
  }

  /** The builder's optimizer by kind, and weight decay given as an optimizer setting. */
  @Test
  void theOptimizerByKindAndWeightDecayAsOneOfItsSettings() {
    RunSpec spec =
        RunSpec.builder()
            .optimizer(OptimizerKind.ADAMW)
            .optimizerSetting("weight_decay", 0.05)
            .lr(0.002)
            .build();
    assertThat(spec.optimizer()).isInstanceOf(OptimizerSettings.AdamW.class);
    assertThat(((OptimizerSettings.AdamW) spec.optimizer()).weightDecay()).isEqualTo(0.05);
    assertThat(spec.optimizer().lr()).isEqualTo(0.002);
  }

  private static void assertField(Runnable build, String field) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void aDamagedFileIsRefusedWithItsFieldOrItsProblem() {
    String json = RunSpecJson.write(RunSpec.defaults());
    assertThatThrownBy(
            () -> RunSpecJson.parse(json.replace("\"epochs\" : 30", "\"epochs\" : -2"), "c.json"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("c.json: loop.epochs = -2: expected a whole number >= 1");
    assertThatThrownBy(() -> RunSpecJson.parse(json.replace("\"seed\"", "\"sead\""), "c.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("c.json: unknown field \"sead\"; did you mean \"seed\"?");
    assertThatThrownBy(() -> RunSpecJson.parse("[1,2", "c.json"))
        .isInstanceOf(BadInputException.class);
  }

  @Test
  void l1AndMaxNormAreRegularizationSettingsAndHyperparameters() {
    RunSpec spec = RunSpec.builder().optimizer("sgd").weightDecay(1e-4).l1(1e-5).maxNorm(3).build();
    assertThat(spec.regularization()).isEqualTo(new Regularization(1e-4, 1e-5, 3));
    RunSpec adamw = RunSpec.builder().optimizer("adamw").l1(2e-5).maxNorm(4).build();
    assertThat(adamw.regularization()).isEqualTo(new Regularization(0, 2e-5, 4));
    RunSpec searched = spec.with("l1", 1e-3).with("max-norm", 2);
    assertThat(searched.regularization()).isEqualTo(new Regularization(1e-4, 1e-3, 2));
    assertThat(searched.toBuilder().build()).isEqualTo(searched);
    assertThat(RunSpecJson.parse(RunSpecJson.write(searched), "test")).isEqualTo(searched);
    assertThat(RunSpecJson.write(searched))
        .contains("\"regularization\" : {")
        .contains("\"l1\" : 0.001")
        .contains("\"max_norm\" : 2.0");
    var network = searched.buildNetwork(4, 3);
    assertThat(network.l1()).isEqualTo(1e-3);
    assertThat(network.maxNorm()).isEqualTo(2);
    assertThat(network.weightDecay()).isEqualTo(1e-4);
  }

  @Test
  void aSpecificationWrittenBeforeL1AndMaxNormReadsThemAsOff() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    RunSpecJson.write(RunSpec.builder().optimizer("sgd").weightDecay(0.1).build()));
    tree.withObject("/regularization").remove(List.of("l1", "max_norm"));
    String old = tree.toString();
    assertThat(old).doesNotContain("l1").doesNotContain("max_norm");
    assertThat(RunSpecJson.parse(old, "old.json").regularization())
        .isEqualTo(new Regularization(0.1, 0, 0));
  }

  @Test
  void negativeOrNotANumberL1OrMaxNormNamesItsField() {
    assertField(() -> RunSpec.builder().l1(-1e-4).build(), "regularization.l1");
    assertField(() -> RunSpec.builder().l1(Double.NaN).build(), "regularization.l1");
    assertField(() -> RunSpec.builder().maxNorm(-3).build(), "regularization.max_norm");
    assertField(
        () -> RunSpec.builder().maxNorm(Double.POSITIVE_INFINITY).build(),
        "regularization.max_norm");
    String json = RunSpecJson.write(RunSpec.defaults()).replace("\"weight_decay\"", "\"l2_decay\"");
    assertThatThrownBy(() -> RunSpecJson.parse(json, "bad.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("bad.json: unknown field \"regularization.l2_decay\"");
  }
}
