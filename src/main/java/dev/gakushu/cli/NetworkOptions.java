package dev.gakushu.cli;

import dev.gakushu.init.InitScheme;
import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that describe a network's architecture and initial weights. */
final class NetworkOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--hidden", defaultValue = "100,100", paramLabel = "N[,N…]",
            description = "Units of each hidden layer, comma-separated; 'none' for no hidden layer (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            description = "Hidden activation: relu, sigmoid or tanh (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--init", paramLabel = "NAME",
            description = "Weight initialisation: zeros, normal (needs --init-std), xavier (the book's N(0, 1/n_in)), "
                    + "glorot-normal, glorot-uniform, he (N(0, 2/n_in)), he-uniform "
                    + "(default: he, or normal when --init-std is given). Biases start at 0.")
    String init;

    @Option(names = "--init-std", paramLabel = "STD",
            description = "Standard deviation for --init normal, e.g. 0.01 (no default).")
    Double initStd;

    /** The hidden layer widths, checked. */
    List<Integer> hiddenUnits() {
        List<Integer> units = new ArrayList<>();
        if (hidden.trim().equalsIgnoreCase("none")) {
            return units;
        }
        for (String part : hidden.split(",", -1)) {
            try {
                int n = Integer.parseInt(part.trim());
                if (n < 1) {
                    throw new NumberFormatException();
                }
                units.add(n);
            } catch (NumberFormatException e) {
                throw Checks.invalid(spec, "--hidden", "'" + hidden + "'",
                        "whole numbers >= 1 separated by commas, e.g. 100,100, or 'none'");
            }
        }
        return units;
    }

    Activation activation() {
        for (Activation a : Activation.values()) {
            if (a.id().equalsIgnoreCase(activation.trim())) {
                return a;
            }
        }
        throw Checks.invalid(spec, "--activation", "'" + activation + "'", "one of relu, sigmoid, tanh");
    }

    InitScheme initScheme() {
        if (init == null) {
            return initStd != null ? InitScheme.NORMAL : InitScheme.HE;
        }
        InitScheme scheme = InitScheme.byId(init);
        if (scheme == null) {
            throw Checks.invalid(spec, "--init", "'" + init + "'", "one of " + InitScheme.ids());
        }
        return scheme;
    }

    Initializer initializer() {
        InitScheme scheme = initScheme();
        if (scheme == InitScheme.NORMAL) {
            if (initStd == null) {
                throw Checks.invalid(spec, "--init", "normal", "--init-std as well, e.g. --init normal --init-std 0.01");
            }
            if (!(initStd >= 0) || initStd.isInfinite()) {
                throw Checks.invalid(spec, "--init-std", initStd, "a finite number >= 0");
            }
            return scheme.initializer(initStd);
        }
        if (initStd != null) {
            throw Checks.invalid(spec, "--init-std", initStd, "no --init-std with --init " + scheme.id()
                    + "; it goes with --init normal");
        }
        return scheme.initializer(Double.NaN);
    }

    /** Checks every option, so that errors surface before any work starts. */
    void validate() {
        hiddenUnits();
        activation();
        initializer();
    }

    /** The network: inputs → (dense → activation) per hidden layer → dense(classes). */
    Network build(int inputs, int classes, int threads, long seed) {
        Network.Builder builder = Network.builder(inputs).init(initializer()).threads(threads);
        Activation act = activation();
        for (int units : hiddenUnits()) {
            builder.dense(units).activation(act);
        }
        return builder.dense(classes).build(seed);
    }

    /** The settings, for config.json. */
    Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("hidden", hiddenUnits());
        s.put("activation", activation().id());
        s.put("init", initializer().describe());
        return s;
    }
}
