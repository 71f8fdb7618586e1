package dev.gakushu.nn;

import dev.gakushu.Conventions;
import dev.gakushu.Range;
import dev.gakushu.init.Initializer;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A sequential network ending in softmax cross-entropy: logits = layer_L(… layer_1(x)), L = mean
 * cross-entropy(softmax(logits), labels), and an objective J = L + ½λ₂ Σ_W ‖W‖² + λ₁ Σ_W Σ|w| when
 * an L2 weight decay λ₂ ({@link WeightDecay}) or an L1 penalty λ₁ ({@link L1Penalty}) is set. A
 * max-norm bound c ({@link MaxNorm}) is a constraint, not a term: {@link #applyConstraints()} after
 * each optimizer step.
 *
 * <pre>{@code
 * Network net = Network.builder(64).dense(100).relu().dense(10).init(Initializer.he()).build(seed);
 * }</pre>
 */
public final class Network {
  private final int inputs;
  private final NetworkSpec spec;
  private final List<Layer> layers;
  private final List<Param> params;
  private final Matrix[] outputs;
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
  private int[] predictions = new int[0];
  private double weightDecay;
  private double l1;
  private double maxNorm;

  /** A network of the given layers, applied in order to inputs of width {@code inputs}. */
  public Network(int inputs, List<Layer> layers) {
    this(inputs, layers, null);
  }

  private Network(int inputs, List<Layer> layers, NetworkSpec spec) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    this.inputs = inputs;
    this.spec = spec;
    this.layers = List.copyOf(layers);
    this.params = this.layers.stream().flatMap(l -> l.params().stream()).toList();
    this.outputs = new Matrix[this.layers.size()];
  }

  public static Builder builder(int inputs) {
    return new Builder(inputs);
  }

  public int inputs() {
    return inputs;
  }

  /** How to build this network again, or null for one assembled from hand-made layers. */
  public NetworkSpec spec() {
    return spec;
  }

  /** The width of the output (the number of classes). */
  public int outputs() {
    for (int i = params.size() - 1; i >= 0; i--) {
      if (params.get(i).role() == Param.Role.BIAS) {
        return params.get(i).value().cols();
      }
    }
    throw new IllegalStateException("network without a dense layer");
  }

  /** The BatchNorm layers, in order. */
  public List<BatchNorm> batchNorms() {
    return layers.stream().filter(BatchNorm.class::isInstance).map(BatchNorm.class::cast).toList();
  }

  /** The Dropout layers, in order. */
  public List<Dropout> dropouts() {
    return layers.stream().filter(Dropout.class::isInstance).map(Dropout.class::cast).toList();
  }

  public List<Layer> layers() {
    return layers;
  }

  /** Every learned parameter, layer by layer. */
  public List<Param> params() {
    return params;
  }

  /** The logits for a batch; a buffer of the last layer's, valid until the next forward pass. */
  public Matrix forward(Matrix x, Mode mode) {
    if (x.cols() != inputs) {
      throw new IllegalArgumentException(
          "network expects " + inputs + " features per row, got " + x.cols());
    }
    Matrix h = x;
    for (int i = 0; i < outputs.length; i++) {
      h = layers.get(i).forward(h, mode);
      outputs[i] = h;
    }
    return h;
  }

  /**
   * Each layer's output of the last forward pass, in layer order (null before the first pass): the
   * layers' own buffers, valid until the next pass. The backward pass leaves them as they are.
   */
  public List<Matrix> lastOutputs() {
    return java.util.Arrays.asList(outputs.clone());
  }

  /** Forward pass and mean cross-entropy of the batch against its labels (the data loss L). */
  public double loss(Matrix x, int[] labels, Mode mode) {
    return loss.forward(forward(x, mode), labels);
  }

  /** The weight-decay penalty ½λ Σ_W ‖W‖² at the current weights (0 without decay). */
  public double penalty() {
    return WeightDecay.penalty(params, weightDecay);
  }

  /** The L1 penalty λ₁ Σ_W Σ|w| at the current weights (0 without it). */
  public double l1Penalty() {
    return L1Penalty.penalty(params, l1);
  }

  /** The objective J = L + ½λ₂ Σ_W ‖W‖² + λ₁ Σ_W Σ|w| that {@link #backward()} differentiates. */
  public double objective(Matrix x, int[] labels, Mode mode) {
    return loss(x, labels, mode) + penalty() + l1Penalty();
  }

  /**
   * The objective J in double precision on rows of doubles, with each parameter's values taken from
   * {@code values}: the reference that {@link GradientCheck} differentiates numerically. Training
   * mode; dropout applies its last masks.
   */
  public double objectiveInDouble(double[][] x, int[] labels, Function<Param, double[]> values) {
    double[][] h = x;
    for (Layer layer : layers) {
      h = layer.forwardInDouble(h, values);
    }
    return SoftmaxCrossEntropy.inDouble(h, labels)
        + WeightDecay.penaltyInDouble(params, weightDecay, values)
        + L1Penalty.penaltyInDouble(params, l1, values);
  }

  /** λ of the L2 penalty, 0 for none. */
  public double weightDecay() {
    return weightDecay;
  }

  /** Sets λ of the L2 penalty on the weight matrices (not biases, γ or β); 0 turns it off. */
  public void setWeightDecay(double lambda) {
    this.weightDecay = finiteNonNegative("weight decay", lambda);
  }

  /** λ of the L1 penalty, 0 for none. */
  public double l1() {
    return l1;
  }

  /**
   * Sets λ of the L1 penalty λ Σ|w| on the weight matrices (not biases, γ or β); 0 turns it off.
   */
  public void setL1(double lambda) {
    this.l1 = finiteNonNegative("L1 λ", lambda);
  }

  /** The max-norm bound c on each unit's incoming weights, 0 for none. */
  public double maxNorm() {
    return maxNorm;
  }

  /** Sets the max-norm bound c of {@link #applyConstraints()}; 0 turns it off. */
  public void setMaxNorm(double c) {
    this.maxNorm = finiteNonNegative("max-norm c", c);
  }

  private static double finiteNonNegative(String what, double value) {
    return Range.NON_NEGATIVE.check(what, value, Range.BAD_INPUT);
  }

  /**
   * Applies the weight constraints after an optimizer step: with a max-norm bound c, every column
   * of every W whose norm exceeds c is scaled down to norm c ({@link MaxNorm}).
   */
  public void applyConstraints() {
    if (maxNorm > 0) {
      MaxNorm.apply(params, maxNorm);
    }
  }

  /**
   * Backpropagates the last {@link #loss} call, filling every parameter's gradient of the objective
   * J (the weight-decay term's λ·W and the L1 term's λ·sign(W) included).
   *
   * @return ∂L/∂x for the batch's inputs (a layer buffer, valid until the next pass)
   */
  public Matrix backward() {
    Matrix g = backwardAboveFirstLayer();
    g = layers.get(0).backward(g);
    addPenaltyGradients();
    return g;
  }

  /**
   * {@link #backward()} for training: the same gradient of every parameter, without ∂L/∂x for the
   * batch's inputs, which training never reads. A dense first layer then skips its product G·Wᵀ
   * (for W1's 784 inputs, about a quarter of a step's multiply-adds).
   */
  public void backwardToParameters() {
    layers.get(0).backwardWithoutInputGradient(backwardAboveFirstLayer());
    addPenaltyGradients();
  }

  /** ∂L/∂(output of the first layer), every layer above it having filled its gradients. */
  private Matrix backwardAboveFirstLayer() {
    Matrix g = loss.backward();
    for (int i = layers.size() - 1; i > 0; i--) {
      g = layers.get(i).backward(g);
    }
    return g;
  }

  private void addPenaltyGradients() {
    WeightDecay.addGradient(params, weightDecay);
    L1Penalty.addGradient(params, l1);
  }

  /**
   * While held, random layers (dropout) repeat their last draw instead of making a new one, so that
   * repeated forward passes compute the same function (for gradient checks).
   */
  public void holdRandomness(boolean hold) {
    dropouts().forEach(d -> d.holdMask(hold));
  }

  /** Softmax probabilities from the last {@link #loss} call. */
  public Matrix lastProbabilities() {
    return loss.probabilities();
  }

  /** How many rows of the last {@link #loss} call's batch were classified correctly. */
  public int lastCorrect(int[] labels) {
    Matrix p = loss.probabilities();
    if (predictions.length < p.rows()) {
      predictions = new int[p.rows()];
    }
    ElementWise.argmaxRows(p, predictions);
    int correct = 0;
    for (int r = 0; r < p.rows(); r++) {
      if (predictions[r] == labels[r]) {
        correct++;
      }
    }
    return correct;
  }

  /** The layers, e.g. {@code dense(64->100) relu dense(100->10)}. */
  public String describe() {
    return layers.stream().map(Layer::describe).collect(Collectors.joining(" "));
  }

  @Override
  public String toString() {
    return "Network[" + describe() + "]";
  }

  /** Builds a network layer by layer; dense layers are numbered dense1, dense2, …. */
  public static final class Builder {
    private final int inputs;
    private final List<LayerFactory> factories = new ArrayList<>();
    private final List<NetworkSpec.LayerSpec> specs = new ArrayList<>();
    private Initializer init = Initializer.he();
    private Conventions conventions = Conventions.PYTORCH;
    private double weightDecay;
    private double l1;
    private double maxNorm;
    private int threads = 1;
    private int width;
    private int denseCount;
    private int batchNormCount;
    private int dropoutCount;

    /** What a layer is made from when the network is built. */
    private record Context(
        Gemm gemm, Initializer init, SplittableRandom random, long seed, Conventions conventions) {}

    private interface LayerFactory {
      Layer create(Context context);
    }

    private Builder(int inputs) {
      if (inputs < 1) {
        throw new IllegalArgumentException("a network needs at least one input, got " + inputs);
      }
      this.inputs = inputs;
      this.width = inputs;
    }

    /** Appends an affine layer of {@code units} outputs. */
    public Builder dense(int units) {
      int in = width;
      denseCount++;
      String name = "dense" + denseCount;
      specs.add(new NetworkSpec.LayerSpec("dense", units, null, null, null));
      factories.add(
          c -> {
            Dense layer = new Dense(name, in, units, c.gemm());
            c.init().fill(layer.weights().value(), c.random());
            return layer;
          });
      width = units;
      return this;
    }

    public Builder relu() {
      return stateless("relu", Relu::new);
    }

    public Builder sigmoid() {
      return stateless("sigmoid", Sigmoid::new);
    }

    public Builder tanh() {
      return stateless("tanh", Tanh::new);
    }

    /** Appends the named activation: relu, sigmoid or tanh. */
    public Builder activation(Activation activation) {
      return switch (activation) {
        case RELU -> relu();
        case SIGMOID -> sigmoid();
        case TANH -> tanh();
      };
    }

    private Builder stateless(String type, Supplier<Layer> layer) {
      specs.add(NetworkSpec.LayerSpec.of(type));
      factories.add(c -> layer.get());
      return this;
    }

    /**
     * Appends batch normalisation with the conventions' defaults (momentum 0.1, ε per convention).
     */
    public Builder batchNorm() {
      return addBatchNorm(Conventions.BATCH_NORM_MOMENTUM, null);
    }

    /**
     * Appends batch normalisation of the current width.
     *
     * @param momentum the weight of the new batch in the running statistics
     * @param epsilon ε added to the variance, > 0
     */
    public Builder batchNorm(double momentum, double epsilon) {
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("BatchNorm ε = " + epsilon + " is not > 0");
      }
      return addBatchNorm(momentum, epsilon);
    }

    /** ε null: the conventions' value, fixed when the network is built. */
    private Builder addBatchNorm(double momentum, Double epsilon) {
      int features = width;
      batchNormCount++;
      String name = "bn" + batchNormCount;
      specs.add(new NetworkSpec.LayerSpec("batchnorm", null, null, momentum, epsilon));
      factories.add(
          c ->
              new BatchNorm(
                  name,
                  features,
                  momentum,
                  epsilon == null ? c.conventions().batchNormEpsilon : epsilon,
                  c.conventions()));
      return this;
    }

    /**
     * Appends dropout of the given drop probability; its masks come from the build seed's stream
     * "dropout-k".
     */
    public Builder dropout(double ratio) {
      int index = ++dropoutCount;
      specs.add(new NetworkSpec.LayerSpec("dropout", null, ratio, null, null));
      factories.add(
          c ->
              new Dropout(
                  ratio,
                  c.conventions().invertedDropout,
                  Seeds.derive(c.seed(), "dropout-" + index)));
      return this;
    }

    /** Whose conventions BatchNorm and Dropout follow (default PyTorch's). */
    public Builder conventions(Conventions conventions) {
      this.conventions = conventions;
      return this;
    }

    /** λ of the L2 penalty on weight matrices (default 0). */
    public Builder weightDecay(double lambda) {
      this.weightDecay = lambda;
      return this;
    }

    /** λ of the L1 penalty on weight matrices (default 0). */
    public Builder l1(double lambda) {
      this.l1 = lambda;
      return this;
    }

    /** The max-norm bound c on each unit's incoming weights (default 0: none). */
    public Builder maxNorm(double c) {
      this.maxNorm = c;
      return this;
    }

    /** The weight initialiser for every dense layer (default: He). */
    public Builder init(Initializer init) {
      this.init = init;
      return this;
    }

    /** Threads a matrix product may use (default 1). Results do not depend on it. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Creates the layers and draws the initial weights, W1 first, from the stream {@code "init"} of
     * {@code seed}.
     */
    public Network build(long seed) {
      Context context =
          new Context(new Gemm(threads), init, Seeds.stream(seed, "init"), seed, conventions);
      List<Layer> layers = new ArrayList<>();
      for (LayerFactory factory : factories) {
        layers.add(factory.create(context));
      }
      List<NetworkSpec.LayerSpec> resolved =
          specs.stream()
              .map(
                  l ->
                      l.type().equals("batchnorm") && l.epsilon() == null
                          ? new NetworkSpec.LayerSpec(
                              l.type(),
                              l.units(),
                              l.ratio(),
                              l.momentum(),
                              conventions.batchNormEpsilon)
                          : l)
              .toList();
      Network network =
          new Network(inputs, layers, new NetworkSpec(inputs, conventions.id(), resolved));
      network.setWeightDecay(weightDecay);
      network.setL1(l1);
      network.setMaxNorm(maxNorm);
      return network;
    }
  }
}
