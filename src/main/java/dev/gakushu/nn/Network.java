package dev.gakushu.nn;

import dev.gakushu.init.Initializer;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A sequential network ending in softmax cross-entropy:
 * logits = layer_L(… layer_1(x)), L = mean cross-entropy(softmax(logits), labels).
 *
 * <pre>{@code
 * Network net = Network.builder(64).dense(100).relu().dense(10).init(Initializer.he()).build(seed);
 * }</pre>
 */
public final class Network {
    private final int inputs;
    private final List<Layer> layers;
    private final List<Param> params;
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private int[] predictions = new int[0];

    /** A network of the given layers, applied in order to inputs of width {@code inputs}. */
    public Network(int inputs, List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
        this.params = this.layers.stream().flatMap(l -> l.params().stream()).toList();
    }

    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    public int inputs() {
        return inputs;
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
            throw new IllegalArgumentException("network expects " + inputs + " features per row, got " + x.cols());
        }
        Matrix h = x;
        for (Layer layer : layers) {
            h = layer.forward(h, mode);
        }
        return h;
    }

    /** Forward pass and mean cross-entropy of the batch against its labels. */
    public double loss(Matrix x, int[] labels, Mode mode) {
        return loss.forward(forward(x, mode), labels);
    }

    /**
     * Backpropagates the last {@link #loss} call, filling every parameter's gradient.
     *
     * @return ∂L/∂x for the batch's inputs (a layer buffer, valid until the next pass)
     */
    public Matrix backward() {
        Matrix g = loss.backward();
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
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
        private Initializer init = Initializer.he();
        private int threads = 1;
        private int width;
        private int denseCount;

        private interface LayerFactory {
            Layer create(Gemm gemm, Initializer init, SplittableRandom random);
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
            String name = "dense" + (++denseCount);
            factories.add((gemm, initializer, random) -> {
                Dense layer = new Dense(name, in, units, gemm);
                initializer.fill(layer.weights().value(), random);
                return layer;
            });
            width = units;
            return this;
        }

        public Builder relu() {
            return stateless(Relu::new);
        }

        public Builder sigmoid() {
            return stateless(Sigmoid::new);
        }

        public Builder tanh() {
            return stateless(Tanh::new);
        }

        /** Appends the named activation: relu, sigmoid or tanh. */
        public Builder activation(Activation activation) {
            return switch (activation) {
                case RELU -> relu();
                case SIGMOID -> sigmoid();
                case TANH -> tanh();
            };
        }

        private Builder stateless(Supplier<Layer> layer) {
            factories.add((gemm, initializer, random) -> layer.get());
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
         * Creates the layers and draws the initial weights, W1 first, from the stream
         * {@code "init"} of {@code seed}.
         */
        public Network build(long seed) {
            Gemm gemm = new Gemm(threads);
            SplittableRandom random = Seeds.stream(seed, "init");
            List<Layer> layers = new ArrayList<>();
            for (LayerFactory factory : factories) {
                layers.add(factory.create(gemm, init, random));
            }
            return new Network(inputs, layers);
        }
    }
}
