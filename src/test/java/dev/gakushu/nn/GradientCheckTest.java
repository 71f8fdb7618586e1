package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.init.Initializer;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GradientCheckTest {
  private static final int ROWS = 8;
  private static final int INPUTS = 6;
  private static final int CLASSES = 4;

  private static Matrix inputs(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Matrix x = new Matrix(ROWS, INPUTS);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static int[] labels(long seed) {
    return new SplittableRandom(seed).ints(ROWS, 0, CLASSES).toArray();
  }

  private static void assertAllPass(List<GradientCheck.Result> results) {
    assertThat(results).isNotEmpty();
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.maxError())
                    .as("max relative error of %s", r.param())
                    .isLessThan(GradientCheck.DEFAULT_THRESHOLD));
  }

  private static List<GradientCheck.Result> check(Network net, long seed) {
    return GradientCheck.run(
        net, inputs(seed), labels(seed), GradientCheck.DEFAULT_STEP, 1000, seed);
  }

  @Test
  void denseAloneAgreesWithCentralDifferences() {
    Network net = Network.builder(INPUTS).dense(CLASSES).init(Initializer.normal(0.5)).build(1);
    assertAllPass(check(net, 1));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void eachActivationBetweenTwoDenseLayersAgrees(Activation activation) {
    Network net =
        Network.builder(INPUTS)
            .dense(10)
            .activation(activation)
            .dense(CLASSES)
            .init(Initializer.glorotNormal())
            .build(2);
    assertAllPass(check(net, 2));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void deepNetworksWithEachActivationAgree(Activation activation) {
    Network net =
        Network.builder(INPUTS)
            .dense(12)
            .activation(activation)
            .dense(9)
            .activation(activation)
            .dense(7)
            .activation(activation)
            .dense(CLASSES)
            .init(Initializer.glorotUniform())
            .build(3);
    List<GradientCheck.Result> results = check(net, 3);
    assertThat(results)
        .extracting(GradientCheck.Result::param)
        .containsExactly(
            "dense1.W",
            "dense1.b",
            "dense2.W",
            "dense2.b",
            "dense3.W",
            "dense3.b",
            "dense4.W",
            "dense4.b");
    assertAllPass(results);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void inputGradientAgreesWithCentralDifferences(Activation activation) {
    Network net =
        Network.builder(INPUTS)
            .dense(10)
            .activation(activation)
            .dense(CLASSES)
            .init(Initializer.he())
            .build(4);
    Matrix x = inputs(4);
    int[] t = labels(4);
    net.loss(x, t, Mode.TRAIN);
    Matrix analytic = net.backward().copy();
    double h = 1e-3;
    double largest = 0;
    double[] numeric = new double[x.size()];
    for (int i = 0; i < x.size(); i++) {
      float original = x.data()[i];
      x.data()[i] = (float) (original + h);
      double plus = net.loss(x, t, Mode.TRAIN);
      x.data()[i] = (float) (original - h);
      double minus = net.loss(x, t, Mode.TRAIN);
      x.data()[i] = original;
      numeric[i] = (plus - minus) / (2 * h);
      largest = Math.max(largest, Math.abs(numeric[i]));
    }
    for (int i = 0; i < x.size(); i++) {
      assertThat(Math.abs(analytic.data()[i] - numeric[i]))
          .as("dL/dx[%d]", i)
          .isLessThan(1e-2 * largest);
    }
  }

  /**
   * A ReLU whose backward pass forgets the mask: the kind of bug a gradient check exists to catch.
   */
  private static final class LeakyBackwardRelu implements Layer {
    private final Relu relu = new Relu();

    @Override
    public Matrix forward(Matrix x, Mode mode) {
      return relu.forward(x, mode);
    }

    @Override
    public Matrix backward(Matrix dout) {
      return dout;
    }

    @Override
    public String describe() {
      return "broken-relu";
    }
  }

  private static Network withMiddleLayer(UnaryOperator<Layer> wrap) {
    Gemm gemm = new Gemm(1);
    Dense first = new Dense("dense1", INPUTS, 10, gemm);
    Dense second = new Dense("dense2", 10, CLASSES, gemm);
    SplittableRandom random = new SplittableRandom(5);
    Initializer.he().fill(first.weights().value(), random);
    Initializer.he().fill(second.weights().value(), random);
    return new Network(INPUTS, List.of(first, wrap.apply(new Relu()), second));
  }

  @Test
  void aBrokenBackwardPassIsCaught() {
    List<GradientCheck.Result> broken = check(withMiddleLayer(relu -> new LeakyBackwardRelu()), 5);
    List<GradientCheck.Result> correct = check(withMiddleLayer(relu -> relu), 5);
    assertAllPass(correct);
    // dense2's gradients do not pass through the broken layer; dense1's do
    assertThat(broken.get(2).maxError()).isLessThan(GradientCheck.DEFAULT_THRESHOLD);
    assertThat(broken.get(0).param()).isEqualTo("dense1.W");
    assertThat(broken.get(0).maxError()).isGreaterThan(0.5);
    assertThat(broken.get(1).maxError()).isGreaterThan(0.5);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void batchNormAloneAndInDeepNetworksAgrees(Activation activation) {
    Network alone =
        Network.builder(INPUTS)
            .dense(10)
            .batchNorm()
            .dense(CLASSES)
            .init(Initializer.he())
            .build(8);
    assertAllPass(check(alone, 8));
    Network deep =
        Network.builder(INPUTS)
            .dense(12)
            .batchNorm()
            .activation(activation)
            .dense(9)
            .batchNorm()
            .activation(activation)
            .dense(CLASSES)
            .init(Initializer.he())
            .build(9);
    List<GradientCheck.Result> results = check(deep, 9);
    assertThat(results)
        .extracting(GradientCheck.Result::param)
        .contains("bn1.gamma", "bn1.beta", "bn2.gamma");
    assertAllPass(results);
  }

  @ParameterizedTest
  @EnumSource(dev.gakushu.Conventions.class)
  void dropoutWithItsMaskHeldAgrees(dev.gakushu.Conventions conventions) {
    Network net =
        Network.builder(INPUTS)
            .dense(16)
            .relu()
            .dropout(0.3)
            .dense(12)
            .tanh()
            .dropout(0.5)
            .dense(CLASSES)
            .conventions(conventions)
            .init(Initializer.he())
            .build(10);
    assertAllPass(check(net, 10));
  }

  @Test
  void theWeightDecayTermAgreesAloneAndInAWholeNetwork() {
    Network alone =
        Network.builder(INPUTS)
            .dense(CLASSES)
            .init(Initializer.normal(0.5))
            .weightDecay(0.3)
            .build(11);
    assertAllPass(check(alone, 11));
    Network whole =
        Network.builder(INPUTS)
            .dense(12)
            .batchNorm()
            .relu()
            .dropout(0.2)
            .dense(CLASSES)
            .init(Initializer.he())
            .weightDecay(0.1)
            .build(12);
    assertAllPass(check(whole, 12));
  }

  @Test
  void backwardAddsLambdaTimesTheWeights() {
    // the objective includes ½λ‖W‖², but the gradient of a network without decay lacks λW
    Network decayed =
        Network.builder(INPUTS).dense(CLASSES).init(Initializer.normal(1)).weightDecay(1).build(13);
    Matrix x = inputs(13);
    int[] t = labels(13);
    decayed.objective(x, t, Mode.TRAIN);
    decayed.backward();
    float analyticWithDecay = decayed.params().get(0).grad().get(0, 0);
    decayed.setWeightDecay(0);
    decayed.loss(x, t, Mode.TRAIN);
    decayed.backward();
    float withoutDecay = decayed.params().get(0).grad().get(0, 0);
    assertThat(analyticWithDecay - withoutDecay)
        .isCloseTo(
            decayed.params().get(0).value().get(0, 0), org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void theBatchNormCheckIsNotTrivial() {
    // with a single row every normalised value is 0: the check must still run on real variation
    Network net = Network.builder(INPUTS).dense(10).batchNorm().relu().dense(CLASSES).build(14);
    List<GradientCheck.Result> results = check(net, 14);
    GradientCheck.Result gamma =
        results.stream().filter(r -> r.param().equals("bn1.gamma")).findFirst().orElseThrow();
    assertThat(gamma.checked()).isEqualTo(10);
    assertThat(net.params().get(2).grad().data()).as("dJ/dgamma").isNotEqualTo(new float[10]);
  }

  @Test
  void weightsAreRestoredAfterTheCheck() {
    Network net = Network.builder(INPUTS).dense(5).tanh().dense(CLASSES).build(6);
    List<float[]> before = net.params().stream().map(p -> p.value().data().clone()).toList();
    check(net, 6);
    for (int i = 0; i < before.size(); i++) {
      assertThat(net.params().get(i).value().data()).containsExactly(before.get(i));
    }
  }

  @Test
  void samplesAtMostTheRequestedNumberOfEntries() {
    Network net = Network.builder(INPUTS).dense(50).relu().dense(CLASSES).build(7);
    List<GradientCheck.Result> results = GradientCheck.run(net, inputs(7), labels(7), 1e-3, 20, 7);
    assertThat(results.get(0).checked()).isEqualTo(20);
    assertThat(results.get(1).checked()).isEqualTo(20);
    assertThat(results.get(3).checked()).isEqualTo(CLASSES);
  }

  @Test
  void softmaxCrossEntropyOfUniformLogitsIsLogOfClassCount() {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    assertThat(loss.forward(new Matrix(3, CLASSES), new int[] {0, 1, 3}))
        .isEqualTo(Math.log(CLASSES));
    Matrix g = loss.backward();
    Matrix expected = new Matrix(3, CLASSES);
    ElementWise.softmaxCrossEntropyGradient(loss.probabilities(), new int[] {0, 1, 3}, expected);
    assertThat(g.data()).containsExactly(expected.data());
    assertThat(g.get(0, 0)).isEqualTo((0.25f - 1f) / 3);
  }
}
