package dev.gakushu.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gakushu.Conventions;
import dev.gakushu.Range;
import dev.gakushu.data.Sampling;
import dev.gakushu.init.InitScheme;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.MemoryEstimate;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides the result of a training run: the data and its split, the network, the
 * regularisation, the optimizer, the learning-rate schedule, the loop, the conventions, the seed
 * and the thread count (which never changes the bits). Immutable, validated on construction; its
 * JSON form ({@link RunSpecJson}) is what a run directory's {@code config.json} holds, so a run can
 * be repeated or resumed from it alone.
 *
 * <pre>{@code
 * RunSpec spec = RunSpec.builder().data("digits").hidden(50, 50).optimizer("sgd").lr(0.1)
 *     .epochs(10).seed(7).build();
 * }</pre>
 *
 * @param initFrom a model file whose weights the network starts from (fine-tuning), or null
 */
@JsonPropertyOrder({
  "data",
  "network",
  "regularization",
  "optimizer",
  "schedule",
  "loop",
  "conventions",
  "seed",
  "threads",
  "init_from"
})
public record RunSpec(
    DataSpec data,
    NetworkSettings network,
    Regularization regularization,
    OptimizerSettings optimizer,
    LearningRateSchedule schedule,
    LoopSettings loop,
    Conventions conventions,
    long seed,
    int threads,
    String initFrom) {
  /** The seed of a run that names none. */
  public static final long DEFAULT_SEED = 42;

  /** Hyperparameters that {@link #with(String, double)} can set, by the names searches use. */
  public static final List<String> HYPERPARAMETERS =
      List.of(
          "lr",
          "momentum",
          "beta1",
          "beta2",
          "eps",
          "rho",
          "weight-decay",
          "l1",
          "max-norm",
          "dropout",
          "batch-size",
          "hidden",
          "epochs");

  public RunSpec {
    Check.present("data", data);
    Check.present("network", network);
    Check.present("regularization", regularization);
    Check.present("optimizer", optimizer);
    Check.present("schedule", schedule);
    ScheduleDraft.requireConsistent(schedule);
    Check.present("loop", loop);
    Check.present("conventions", conventions);
    Check.atLeast("threads", threads, 1);
    if (threads > Range.MAX_THREADS) {
      throw new InvalidSpecException("threads", threads, "at most " + Range.MAX_THREADS);
    }
    if (optimizer instanceof OptimizerSettings.AdamW && regularization.weightDecay() != 0) {
      throw new InvalidSpecException(
          "regularization.weight_decay",
          regularization.weightDecay(),
          "0 with adamw, whose weight decay is decoupled (optimizer.weight_decay)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every setting at its default. */
  public static RunSpec defaults() {
    return builder().build();
  }

  /** A builder holding this specification's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * This specification with one hyperparameter set, by the names of {@link #HYPERPARAMETERS}:
   * optimizer settings (lr, momentum, beta1, beta2, eps, rho), weight-decay (AdamW's decoupled
   * decay, else the L2 penalty), l1, max-norm, dropout, batch-size, hidden (the width of every
   * hidden layer) and epochs.
   *
   * @throws InvalidSpecException if the value is outside its range or cannot apply (momentum with
   *     adam, hidden without hidden layers)
   */
  public RunSpec with(String hyperparameter, double value) {
    return toBuilder().set(hyperparameter, value).build();
  }

  /**
   * Refuses a network of this specification that cannot train in this JVM's free heap (see {@link
   * MemoryEstimate}).
   *
   * @param batchRows the rows of the largest batch
   * @param copies networks that train at once
   * @throws InvalidSpecException naming network.hidden, the estimate and the free heap
   */
  public void requireMemory(long inputs, long classes, long batchRows, int copies) {
    String shortfall =
        MemoryEstimate.shortfall(
            MemoryEstimate.bytes(
                inputs, network.hidden(), classes, batchRows, network.batchNorm() != null),
            copies,
            MemoryEstimate.available());
    if (shortfall != null) {
      throw new InvalidSpecException(
          "network.hidden", network.hidden(), "a network that fits in memory: " + shortfall);
    }
  }

  /** This specification with another seed. */
  public RunSpec withSeed(long newSeed) {
    return copy(data, network, newSeed);
  }

  /** This specification with other data settings. */
  public RunSpec withData(DataSpec newData) {
    return copy(newData, network, seed);
  }

  /** This specification with other network settings. */
  public RunSpec withNetwork(NetworkSettings newNetwork) {
    return copy(data, newNetwork, seed);
  }

  private RunSpec copy(DataSpec newData, NetworkSettings newNetwork, long newSeed) {
    return new RunSpec(
        newData,
        newNetwork,
        regularization,
        optimizer,
        schedule,
        loop,
        conventions,
        newSeed,
        threads,
        initFrom);
  }

  /** The network for data of {@code inputs} features and {@code classes} classes, seeded. */
  public Network buildNetwork(int inputs, int classes) {
    return network.build(inputs, classes, conventions, regularization, threads, seed);
  }

  /** The optimizer, with fresh state. */
  public Optimizer buildOptimizer() {
    return optimizer.build(conventions);
  }

  /** Builds a {@link RunSpec} with named setters; every setting not given takes its default. */
  public static final class Builder {
    private DataSpec data = DataSpec.of("digits");
    private List<Integer> hidden = List.of(100, 100);
    private Activation activation = Activation.RELU;
    private InitScheme init = InitScheme.HE;
    private Double initStd;
    private boolean batchNorm;
    private Double bnMomentum;
    private Double bnEpsilon;
    private double dropout;
    private Double weightDecay;
    private double l1;
    private double maxNorm;
    private String optimizer = OptimizerKind.ADAM.id();
    private final Map<String, Double> optimizerSettings = new LinkedHashMap<>();
    private final ScheduleDraft schedule = new ScheduleDraft();
    private int epochs = 30;
    private int batchSize = 32;
    private Sampling sampling = Sampling.SHUFFLE;
    private double clipNorm;
    private int validateEvery = 1;
    private EarlyStopping earlyStopping;
    private Conventions conventions = Conventions.PYTORCH;
    private long seed = DEFAULT_SEED;
    private Integer threads;
    private String initFrom;

    private Builder() {}

    private Builder(RunSpec s) {
      data = s.data;
      hidden = s.network.hidden();
      activation = s.network.activation();
      init = s.network.init();
      initStd = s.network.initStd();
      batchNorm = s.network.batchNorm() != null;
      if (batchNorm) {
        bnMomentum = s.network.batchNorm().momentum();
        bnEpsilon = s.network.batchNorm().epsilon();
      }
      dropout = s.network.dropout();
      optimizer = s.optimizer.name();
      optimizerSettings.putAll(RunSpecJson.numericSettings(s.optimizer));
      weightDecay =
          s.optimizer instanceof OptimizerSettings.AdamW w
              ? w.weightDecay()
              : s.regularization.weightDecay();
      optimizerSettings.remove("weight_decay");
      l1 = s.regularization.l1();
      maxNorm = s.regularization.maxNorm();
      schedule.base(s.schedule);
      epochs = s.loop.epochs();
      batchSize = s.loop.batchSize();
      sampling = s.loop.sampling();
      clipNorm = s.loop.clipNorm();
      validateEvery = s.loop.validateEvery();
      earlyStopping = s.loop.earlyStopping();
      conventions = s.conventions;
      seed = s.seed;
      threads = s.threads;
      initFrom = s.initFrom;
    }

    /** The data (default: the embedded digits, split by their default rule, standardised). */
    public Builder data(DataSpec d) {
      this.data = d;
      return this;
    }

    /** The data {@code source}, split by its default rule and standardised. */
    public Builder data(String source) {
      return data(DataSpec.of(source));
    }

    /** The width of each hidden layer (default 100, 100). */
    public Builder hidden(int... widths) {
      List<Integer> w = new ArrayList<>();
      for (int units : widths) {
        w.add(units);
      }
      return hidden(w);
    }

    public Builder hidden(List<Integer> widths) {
      this.hidden = List.copyOf(widths);
      return this;
    }

    /** The hidden activation (default ReLU). */
    public Builder activation(Activation a) {
      this.activation = a;
      return this;
    }

    /** The weight initialisation (default He); {@code normal} needs {@link #initStd}. */
    public Builder init(InitScheme scheme) {
      this.init = scheme;
      return this;
    }

    /** The standard deviation of {@link InitScheme#NORMAL} initialisation. */
    public Builder initStd(Double std) {
      this.initStd = std;
      return this;
    }

    /** Batch normalisation after each hidden dense layer (default off). */
    public Builder batchNorm(boolean on) {
      this.batchNorm = on;
      return this;
    }

    /** BatchNorm's running-statistics momentum (default 0.1); needs {@link #batchNorm}. */
    public Builder batchNormMomentum(double momentum) {
      this.bnMomentum = momentum;
      return this;
    }

    /**
     * BatchNorm's ε (default the conventions': 1e-5, the book's 1e-6); needs {@link #batchNorm}.
     */
    public Builder batchNormEpsilon(double epsilon) {
      this.bnEpsilon = epsilon;
      return this;
    }

    /** Dropout's drop probability after each hidden activation (default 0, none). */
    public Builder dropout(double ratio) {
      this.dropout = ratio;
      return this;
    }

    /**
     * Weight decay λ: AdamW's decoupled decay with adamw (default 0.01), the L2 penalty ½λ‖W‖² of
     * the objective with every other optimizer (default 0).
     */
    public Builder weightDecay(double lambda) {
      this.weightDecay = lambda;
      return this;
    }

    /** λ of the L1 penalty λ Σ|w| on the weight matrices, with any optimizer (default 0, none). */
    public Builder l1(double lambda) {
      this.l1 = lambda;
      return this;
    }

    /**
     * The max-norm bound c on each unit's incoming weight vector (a column of W), enforced after
     * every optimizer step (default 0, none).
     */
    public Builder maxNorm(double c) {
      this.maxNorm = c;
      return this;
    }

    /**
     * The optimizer by name (default adam); choosing another one drops the settings given for the
     * previous one.
     */
    public Builder optimizer(String name) {
      if (!name.equals(optimizer)) {
        optimizerSettings.clear();
        String adamw = OptimizerKind.ADAMW.id();
        if (adamw.equals(optimizer) || adamw.equals(name)) {
          weightDecay = null;
        }
      }
      this.optimizer = name;
      return this;
    }

    /** The optimizer by kind; see {@link #optimizer(String)}. */
    public Builder optimizer(OptimizerKind kind) {
      return optimizer(kind.id());
    }

    /** The learning rate (default: the optimizer's under the conventions). */
    public Builder lr(double rate) {
      return optimizerSetting("lr", rate);
    }

    /**
     * One optimizer setting by its name in the JSON form (momentum, beta1, beta2, eps, rho, amsgrad
     * as 1 or 0); refused at {@link #build} if the optimizer has no such setting.
     */
    public Builder optimizerSetting(String setting, double value) {
      if (setting.equals("weight_decay")) {
        return weightDecay(value);
      }
      optimizerSettings.put(setting, value);
      return this;
    }

    /** The learning-rate schedule (default constant), replacing the schedule settings given. */
    public Builder schedule(LearningRateSchedule s) {
      schedule.base(s);
      return this;
    }

    /**
     * A schedule of {@code kind} anew: its settings not given take the kind's defaults (step size
     * 10 and γ 0.1 for step, γ 0.95 for exponential, η_min 0 for cosine; per epoch, no warm-up).
     */
    public Builder schedule(LearningRateSchedule.Kind kind) {
      schedule.kind(kind);
      return this;
    }

    /** Whether the schedule advances per epoch or per step (default epoch). */
    public Builder scheduleUnit(LearningRateSchedule.Unit unit) {
      schedule.unit(unit);
      return this;
    }

    /** Units of linear warm-up before the schedule, >= 0 (default 0). */
    public Builder warmup(int units) {
      schedule.warmup(units);
      return this;
    }

    /** Units between decays of a step schedule, >= 1; step schedules only (default 10). */
    public Builder stepSize(int units) {
      schedule.stepSize(units);
      return this;
    }

    /**
     * γ, the decay factor in (0, 1] of step and exponential schedules only (default 0.1 for step,
     * 0.95 for exponential).
     */
    public Builder gamma(double g) {
      schedule.gamma(g);
      return this;
    }

    /** η_min, the final learning rate of a cosine schedule only, finite and >= 0 (default 0). */
    public Builder minLearningRate(double rate) {
      schedule.minLearningRate(rate);
      return this;
    }

    /** Passes over the training data (default 30). */
    public Builder epochs(int n) {
      this.epochs = n;
      return this;
    }

    /** Rows per mini-batch (default 32). */
    public Builder batchSize(int n) {
      this.batchSize = n;
      return this;
    }

    /**
     * Whether each epoch visits the rows in a fresh seeded order (default true), or in the stored
     * order: {@link #sampling} {@code SHUFFLE} or {@code IN_ORDER}.
     */
    public Builder shuffle(boolean on) {
      return sampling(on ? Sampling.SHUFFLE : Sampling.IN_ORDER);
    }

    /** How the mini-batches are drawn (default {@link Sampling#SHUFFLE}). */
    public Builder sampling(Sampling s) {
      this.sampling = java.util.Objects.requireNonNull(s, "sampling");
      return this;
    }

    /** Clip the gradients' global norm to {@code c} (default 0: no clipping). */
    public Builder clipNorm(double c) {
      this.clipNorm = c;
      return this;
    }

    /** Measure the validation data after every this many epochs and the last (default 1). */
    public Builder validateEvery(int epochs) {
      this.validateEvery = epochs;
      return this;
    }

    /** Early stopping on the validation loss (default none). */
    public Builder earlyStopping(EarlyStopping e) {
      this.earlyStopping = e;
      return this;
    }

    /**
     * Whose conventions the optimizer defaults, BatchNorm and Dropout follow (default PyTorch). The
     * optimizer settings and BatchNorm's ε that hold the previous conventions' defaults take the
     * new conventions' defaults, as if they had never been given.
     */
    public Builder conventions(Conventions c) {
      if (c != conventions && OptimizerKind.find(optimizer).isPresent()) {
        Map<String, Double> old =
            RunSpecJson.numericSettings(OptimizerSettings.defaults(optimizer, conventions));
        optimizerSettings.entrySet().removeIf(e -> e.getValue().equals(old.get(e.getKey())));
        if (bnEpsilon != null && bnEpsilon == conventions.batchNormEpsilon) {
          bnEpsilon = null;
        }
      }
      this.conventions = c;
      return this;
    }

    /** The run's one seed (default {@value #DEFAULT_SEED}). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Threads for matrix products (default: all cores); the results do not depend on it. */
    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    /** A model file whose weights the network starts from, or null (default). */
    public Builder initFrom(Path model) {
      this.initFrom = model == null ? null : model.toString();
      return this;
    }

    /** Sets one hyperparameter by the name of {@link RunSpec#HYPERPARAMETERS}. */
    public Builder set(String hyperparameter, double value) {
      switch (hyperparameter) {
        case "lr", "momentum", "beta1", "beta2", "eps", "rho" ->
            optimizerSetting(hyperparameter, value);
        case "weight-decay" -> weightDecay(value);
        case "l1" -> l1(value);
        case "max-norm" -> maxNorm(value);
        case "dropout" -> dropout(value);
        case "batch-size" -> batchSize(wholeNumber("loop.batch_size", value));
        case "epochs" -> epochs(wholeNumber("loop.epochs", value));
        case "hidden" -> {
          if (hidden.isEmpty()) {
            throw new InvalidSpecException(
                "network.hidden", "[]", "hidden layers for a searched width to apply to");
          }
          hidden(Collections.nCopies(hidden.size(), wholeNumber("network.hidden", value)));
        }
        default ->
            throw new InvalidSpecException(
                "hyperparameter",
                "'" + hyperparameter + "'",
                "one of " + String.join(", ", HYPERPARAMETERS));
      }
      return this;
    }

    private static int wholeNumber(String field, double value) {
      if (value != Math.rint(value) || value < 1 || value > Integer.MAX_VALUE) {
        throw new InvalidSpecException(
            field, value, "a whole number from 1 to " + Integer.MAX_VALUE);
      }
      return (int) value;
    }

    /**
     * The specification, with the defaults that depend on the conventions and the optimizer filled
     * in.
     *
     * @throws InvalidSpecException naming the first field that is out of range or cannot apply
     */
    public RunSpec build() {
      LearningRateSchedule lrSchedule = schedule.build();
      OptimizerSettings opt = OptimizerSettings.defaults(optimizer, conventions);
      for (Map.Entry<String, Double> e : optimizerSettings.entrySet()) {
        opt = opt.with(e.getKey(), e.getValue());
      }
      double l2 = 0;
      if (weightDecay != null) {
        if (opt instanceof OptimizerSettings.AdamW) {
          opt = opt.with("weight_decay", weightDecay);
        } else {
          l2 = weightDecay;
        }
      }
      NetworkSettings.BatchNormSettings bn = null;
      if (batchNorm) {
        NetworkSettings.BatchNormSettings d =
            NetworkSettings.BatchNormSettings.defaults(conventions);
        bn =
            new NetworkSettings.BatchNormSettings(
                bnMomentum != null ? bnMomentum : d.momentum(),
                bnEpsilon != null ? bnEpsilon : d.epsilon());
      } else if (bnMomentum != null || bnEpsilon != null) {
        throw new InvalidSpecException(
            bnMomentum != null ? "network.batch_norm.momentum" : "network.batch_norm.epsilon",
            bnMomentum != null ? bnMomentum : bnEpsilon,
            "network.batch_norm as well");
      }
      return new RunSpec(
          data,
          new NetworkSettings(hidden, activation, init, initStd, bn, dropout),
          new Regularization(l2, l1, maxNorm),
          opt,
          lrSchedule,
          new LoopSettings(epochs, batchSize, sampling, clipNorm, validateEvery, earlyStopping),
          conventions,
          seed,
          threads != null ? threads : Runtime.getRuntime().availableProcessors(),
          initFrom);
    }
  }
}
