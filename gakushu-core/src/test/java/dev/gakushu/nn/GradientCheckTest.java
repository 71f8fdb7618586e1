package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.gakushu.init.Initializer;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
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
    java.util.IdentityHashMap<Param, double[]> values = new java.util.IdentityHashMap<>();
    for (Param p : net.params()) {
      double[] v = new double[p.value().size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = p.value().data()[i];
      }
      values.put(p, v);
    }
    double[][] rows = new double[ROWS][INPUTS];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < INPUTS; c++) {
        rows[r][c] = x.get(r, c);
      }
    }
    double h = 1e-6;
    double largest = 0;
    double[][] numeric = new double[ROWS][INPUTS];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < INPUTS; c++) {
        double original = rows[r][c];
        rows[r][c] = original + h;
        double plus = net.objectiveInDouble(rows, t, values::get);
        rows[r][c] = original - h;
        double minus = net.objectiveInDouble(rows, t, values::get);
        rows[r][c] = original;
        numeric[r][c] = (plus - minus) / (2 * h);
        largest = Math.max(largest, Math.abs(numeric[r][c]));
      }
    }
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < INPUTS; c++) {
        assertThat(Math.abs(analytic.get(r, c) - numeric[r][c]))
            .as("dL/dx[%d][%d]", r, c)
            .isLessThan(1e-5 * largest);
      }
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
    public double[][] forwardInDouble(double[][] x, Function<Param, double[]> values) {
      return relu.forwardInDouble(x, values);
    }

    @Override
    public String describe() {
      return "broken-relu";
    }
  }

  /**
   * An identity layer whose backward pass tampers with what the layers after it in the list (so
   * before it in backpropagation) computed: it scales ∂L/∂input by {@code inputFactor}, then
   * applies {@code onParams}, e.g. to scale one parameter's gradient by 1.01.
   */
  private static final class Tamper implements Layer {
    private final float inputFactor;
    private final Runnable onParams;

    Tamper(float inputFactor, Runnable onParams) {
      this.inputFactor = inputFactor;
      this.onParams = onParams;
    }

    @Override
    public Matrix forward(Matrix x, Mode mode) {
      return x;
    }

    @Override
    public Matrix backward(Matrix dout) {
      ElementWise.scale(dout, inputFactor, dout);
      onParams.run();
      return dout;
    }

    @Override
    public double[][] forwardInDouble(double[][] x, Function<Param, double[]> values) {
      return x;
    }

    @Override
    public String describe() {
      return "tamper";
    }
  }

  /**
   * Every kind of layer with a block before and after it: dense → BN → activation → dropout →
   * dense, with weight decay, in one network.
   */
  private static Network everyLayer(Activation activation) {
    return Network.builder(INPUTS)
        .dense(10)
        .batchNorm()
        .activation(activation)
        .dropout(0.25)
        .dense(CLASSES)
        .init(Initializer.he())
        .weightDecay(0.1)
        .build(21);
  }

  /** The same network with a {@link Tamper} inserted at {@code index} of its layer list. */
  private static Network tampered(Network net, int index, Tamper tamper) {
    List<Layer> layers = new java.util.ArrayList<>(net.layers());
    layers.add(index, tamper);
    Network t = new Network(INPUTS, layers);
    t.setWeightDecay(net.weightDecay());
    t.setL1(net.l1());
    return t;
  }

  private static void scaleGradient(Param p, float factor) {
    ElementWise.scale(p.grad(), factor, p.grad());
  }

  private static GradientCheck.Result resultOf(List<GradientCheck.Result> results, String param) {
    return results.stream().filter(r -> r.param().equals(param)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void aParameterGradientWrongByOnePercentFails(Activation activation) {
    Network net = everyLayer(activation);
    assertAllPass(check(net, 21));
    // the layer list: dense1 bn1 activation dropout dense2; a tamper just before a layer runs
    // right after that layer's backward pass
    int[] owner = {0, 0, 1, 1, 4, 4};
    for (int p = 0; p < net.params().size(); p++) {
      Param param = net.params().get(p);
      if (param.name().equals("dense1.b")) {
        // it feeds BatchNorm, which removes any shift: its exact gradient is 0, and 1.01 × 0 is
        // still right
        continue;
      }
      List<GradientCheck.Result> results =
          check(tampered(net, owner[p], new Tamper(1f, () -> scaleGradient(param, 1.01f))), 21);
      for (GradientCheck.Result r : results) {
        if (r.param().equals(param.name())) {
          assertThat(r.passes(GradientCheck.DEFAULT_THRESHOLD)).as(r.toString()).isFalse();
        } else {
          assertThat(r.passes(GradientCheck.DEFAULT_THRESHOLD)).as(r.toString()).isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void aLayerWhoseInputGradientIsWrongByOnePercentFails(Activation activation) {
    Network net = everyLayer(activation);
    // a tamper at index i scales the gradient that flows out of layer i (dense2 at 4, dropout at
    // 3, the activation at 2, BN at 1); at index 5 it scales softmax-cross-entropy's ∂L/∂z
    for (int index = 1; index <= 5; index++) {
      List<GradientCheck.Result> results =
          check(tampered(net, index, new Tamper(1.01f, () -> {})), 21);
      assertThat(resultOf(results, "dense1.W").passes(GradientCheck.DEFAULT_THRESHOLD))
          .as("tamper at %d: %s", index, results)
          .isFalse();
    }
  }

  /** One dense layer from N(0, 0.25) weights, with weight decay λ. */
  private static Network denseAlone(double lambda, long seed) {
    return Network.builder(INPUTS)
        .dense(CLASSES)
        .init(Initializer.normal(0.5))
        .weightDecay(lambda)
        .build(seed);
  }

  @Test
  void aWeightDecayGradientWrongByOnePercentFails() {
    Network net = denseAlone(1, 22);
    assertAllPass(check(net, 22));
    Param w = net.params().get(0);
    // 1.01·λW instead of λW
    Tamper tamper =
        new Tamper(
            1f,
            () -> ElementWise.addScaled(w.grad(), 0.01f * (float) net.weightDecay(), w.value()));
    GradientCheck.Result r = resultOf(check(tampered(net, 0, tamper), 22), "dense1.W");
    assertThat(r.passes(GradientCheck.DEFAULT_THRESHOLD)).as(r.toString()).isFalse();
  }

  /**
   * Moves every weight w with |w| &lt; 0.1 to ±0.1 (its sign, + for 0), so that |w| is smooth
   * within the check's step and central differences see the L1 term's derivative λ·sign(w).
   */
  private static Network awayFromZero(Network net) {
    for (Param p : net.params()) {
      if (p.role() == Param.Role.WEIGHT) {
        float[] w = p.value().data();
        for (int i = 0; i < w.length; i++) {
          if (Math.abs(w[i]) < 0.1f) {
            w[i] = w[i] < 0 ? -0.1f : 0.1f;
          }
        }
      }
    }
    return net;
  }

  @Test
  void theL1TermAgreesAloneWithWeightDecayAndInAWholeNetwork() {
    Network alone =
        awayFromZero(
            Network.builder(INPUTS).dense(CLASSES).init(Initializer.normal(0.5)).l1(0.3).build(31));
    assertAllPass(check(alone, 31));
    Network whole =
        awayFromZero(
            Network.builder(INPUTS)
                .dense(12)
                .batchNorm()
                .relu()
                .dropout(0.2)
                .dense(CLASSES)
                .init(Initializer.he())
                .weightDecay(0.1)
                .l1(0.05)
                .build(32));
    assertAllPass(check(whole, 32));
  }

  @Test
  void anL1GradientWrongByOnePercentFails() {
    Network net =
        awayFromZero(
            Network.builder(INPUTS).dense(CLASSES).init(Initializer.normal(0.5)).l1(1).build(33));
    assertAllPass(check(net, 33));
    Param w = net.params().get(0);
    // 1.01·λ·sign(W) instead of λ·sign(W)
    Tamper tamper =
        new Tamper(
            1f,
            () -> {
              float[] g = w.grad().data();
              float[] v = w.value().data();
              for (int i = 0; i < g.length; i++) {
                g[i] += 0.01f * (float) net.l1() * Math.signum(v[i]);
              }
            });
    GradientCheck.Result r = resultOf(check(tampered(net, 0, tamper), 33), "dense1.W");
    assertThat(r.passes(GradientCheck.DEFAULT_THRESHOLD)).as(r.toString()).isFalse();
  }

  @Test
  void backwardAddsLambdaTimesTheSignOfEachWeightAndNothingAtZero() {
    Network net =
        Network.builder(INPUTS).dense(CLASSES).init(Initializer.normal(1)).l1(0.25).build(34);
    Matrix w = net.params().get(0).value();
    w.data()[0] = 0f;
    Matrix x = inputs(34);
    int[] t = labels(34);
    net.objective(x, t, Mode.TRAIN);
    net.backward();
    float[] withL1 = net.params().get(0).grad().data().clone();
    float[] biasWithL1 = net.params().get(1).grad().data().clone();
    net.setL1(0);
    net.loss(x, t, Mode.TRAIN);
    net.backward();
    float[] without = net.params().get(0).grad().data();
    for (int i = 0; i < w.size(); i++) {
      float expected = i == 0 ? 0f : 0.25f * Math.signum(w.data()[i]);
      assertThat(withL1[i] - without[i]).as("entry %d", i).isCloseTo(expected, offset(1e-6f));
    }
    assertThat(biasWithL1).containsExactly(net.params().get(1).grad().data());
  }

  @Test
  void theL1PenaltySumsTheAbsoluteWeightsWithoutAHalfAndWithoutBiases() {
    Network net =
        Network.builder(INPUTS).dense(CLASSES).init(Initializer.normal(1)).l1(0.5).build(35);
    net.params().get(1).value().data()[0] = 100f;
    double sum = 0;
    for (float v : net.params().get(0).value().data()) {
      sum += Math.abs(v);
    }
    assertThat(net.l1Penalty()).isCloseTo(0.5 * sum, offset(1e-6 * sum));
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

  /** dense → ReLU → dense on inputs whose first row is 0, so that z = b for that row. */
  private static Network kinked(float firstBias) {
    Network net =
        Network.builder(INPUTS).dense(10).relu().dense(CLASSES).init(Initializer.he()).build(41);
    ((Dense) net.layers().get(0)).bias().value().data()[0] = firstBias;
    return net;
  }

  private static Matrix firstRowZero(long seed) {
    Matrix x = inputs(seed);
    java.util.Arrays.fill(x.data(), 0, INPUTS, 0f);
    return x;
  }

  /**
   * dense1.b[0] at a kink of ReLU for the first row (z = b = 0, where ReLU's derivative is taken as
   * 0): backpropagation leaves that row out, as J(b) − J(b − h) does, while J(b + h) counts it.
   * Only the backward quotient agrees; the check passes through it. With b = 10⁻⁷ (< h) the row
   * counts and only the forward quotient agrees.
   */
  @Test
  void anEntryAtAKinkIsJudgedByTheOneSidedQuotientThatStaysOnItsSide() {
    for (float bias : new float[] {0f, 1e-7f}) {
      List<GradientCheck.Result> results =
          GradientCheck.run(
              kinked(bias), firstRowZero(41), labels(41), GradientCheck.DEFAULT_STEP, 1000, 41);
      assertAllPass(results);
    }
  }

  /**
   * With h = 10⁻² and an objective dominated by ½λ‖W‖² (λ = 10), the one-sided quotients are off by
   * about λh/2 (relative h/2|w|, 10⁻² and more), while the central quotient is exact for the
   * quadratic term: the check passes through the central quotient.
   */
  @Test
  void aLargeStepIsJudgedByTheCentralQuotient() {
    Network net = denseAlone(10, 42);
    assertAllPass(GradientCheck.run(net, inputs(42), labels(42), 1e-2, 1000, 42));
  }

  /** The largest |∂J/∂θ| of the network, from its own backward pass. */
  private static double largestGradient(Network net, Matrix x, int[] t) {
    net.objective(x, t, Mode.TRAIN);
    net.backward();
    double largest = 0;
    for (Param p : net.params()) {
      for (float g : p.grad().data()) {
        largest = Math.max(largest, Math.abs(g));
      }
    }
    return largest;
  }

  /**
   * A gradient scaled by 1.01 has the error 0.01/2.01 of the class Javadoc on its largest entry.
   */
  @Test
  void aGradientScaledByOnePercentHasTheErrorOfTheFormula() {
    Network net = denseAlone(0, 43);
    Param w = net.params().get(0);
    GradientCheck.Result r =
        resultOf(
            check(tampered(net, 0, new Tamper(1f, () -> scaleGradient(w, 1.01f))), 43), "dense1.W");
    assertThat(r.maxError()).isCloseTo(0.01 / 2.01, offset(1e-5));
  }

  /**
   * An entry whose exact gradient is 0 (its input column is 0) and whose analytic one is δ = 10⁻⁵
   * of the network's largest gradient G is judged against the floor 10⁻³·G: its error is δ/(10⁻³·G)
   * = 10⁻², the largest of its parameter, where every other entry is right.
   */
  @Test
  void anEntryWhoseGradientVanishesIsJudgedAgainstTheNetworksFloor() {
    Network net = denseAlone(0, 44);
    Matrix x = inputs(44);
    for (int r = 0; r < ROWS; r++) {
      x.data()[r * INPUTS] = 0;
    }
    int[] t = labels(44);
    double largest = largestGradient(net, x, t);
    assertThat(largest).as("G").isBetween(0.05, 0.8);
    Param w = net.params().get(0);
    Tamper tamper = new Tamper(1f, () -> w.grad().data()[0] = (float) (1e-5 * largest));
    GradientCheck.Result r =
        resultOf(GradientCheck.run(tampered(net, 0, tamper), x, t, 1e-6, 1000, 44), "dense1.W");
    assertThat(r.worstIndex()).isZero();
    assertThat(r.maxError()).isCloseTo(1e-2, offset(1e-6));
  }

  /**
   * With every input 0 the weights' gradients are exactly 0 both ways: no entry is worse than
   * another and the first checked one is reported. With no entry checked there is none.
   */
  @Test
  void entriesThatAllAgreeReportTheFirstAndNoEntriesReportNone() {
    Network net = Network.builder(INPUTS).dense(CLASSES).build(45);
    Matrix zeros = new Matrix(ROWS, INPUTS);
    GradientCheck.Result weights =
        resultOf(GradientCheck.run(net, zeros, labels(45), 1e-6, 1000, 45), "dense1.W");
    assertThat(weights.maxError()).isZero();
    assertThat(weights.worstIndex()).isZero();
    assertThat(weights.checked()).isEqualTo(INPUTS * CLASSES);
    assertThat(GradientCheck.run(net, zeros, labels(45), 1e-6, 0, 45))
        .allSatisfy(
            r -> {
              assertThat(r.checked()).isZero();
              assertThat(r.worstIndex()).isEqualTo(-1);
              assertThat(r.maxError()).isZero();
            });
  }

  @Test
  void anErrorEqualToTheThresholdPasses() {
    assertThat(new GradientCheck.Result("w", 1, 1e-3, 0).passes(1e-3)).isTrue();
    assertThat(new GradientCheck.Result("w", 1, 1.0001e-3, 0).passes(1e-3)).isFalse();
  }

  /**
   * The check draws one dropout mask for itself, even when the caller held one, and leaves the
   * network drawing a new mask in each training pass.
   */
  @Test
  void theCheckDrawsOneMaskAndLeavesTheNetworkDrawing() {
    Network net = Network.builder(INPUTS).dense(10).relu().dropout(0.5).dense(CLASSES).build(46);
    Dropout dropout = net.dropouts().get(0);
    net.objective(inputs(46), labels(46), Mode.TRAIN);
    net.holdRandomness(true);
    check(net, 46);
    assertThat(dropout.passes()).isEqualTo(2);
    net.objective(inputs(46), labels(46), Mode.TRAIN);
    assertThat(dropout.passes()).isEqualTo(3);
  }

  /** Of a dense layer's 3 biases, one checked entry is each of them for some seed. */
  @Test
  void aSampleOfEntriesCanBeAnyEntry() {
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (long seed = 0; seed < 30; seed++) {
      Network net = Network.builder(INPUTS).dense(3).tanh().dense(CLASSES).build(47);
      GradientCheck.Result bias =
          resultOf(GradientCheck.run(net, inputs(47), labels(47), 1e-6, 1, seed), "dense1.b");
      assertThat(bias.checked()).isEqualTo(1);
      seen.add(bias.worstIndex());
    }
    assertThat(seen).containsExactly(0, 1, 2);
  }

  @Test
  void softmaxCrossEntropyOfUniformLogitsIsLogOfClassCount() {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    assertThat(loss.forward(new Matrix(3, CLASSES), new int[] {0, 1, 3}))
        .isEqualTo(Math.log(CLASSES));
    Matrix g = loss.backward();
    // (p − onehot(t)) / N with p = 1/4 everywhere and N = 3
    int[] labels = {0, 1, 3};
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < CLASSES; c++) {
        float expected = (c == labels[r] ? -0.75f : 0.25f) / 3;
        assertThat(g.get(r, c)).as("(%d, %d)", r, c).isCloseTo(expected, offset(1e-7f));
      }
    }
  }
}
