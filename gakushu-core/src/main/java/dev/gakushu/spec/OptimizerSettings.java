package dev.gakushu.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gakushu.Conventions;
import dev.gakushu.Range;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.optim.OptimizerSetting;
import java.util.List;
import java.util.Map;

/**
 * An optimizer and its settings, every one explicit. {@link #defaults} gives each optimizer's
 * defaults: those of {@code torch.optim} under {@link Conventions#PYTORCH}, the book's code under
 * {@link Conventions#BOOK} (learning rate {@link OptimizerKind#defaultLearningRate}, ε from the
 * conventions, momentum 0.9, β1 0.9, β2 0.999, ρ 0.99, AdamW's decoupled weight decay 0.01).
 *
 * <p>The settings are named as in the JSON form: lr, momentum, beta1, beta2, eps, rho, weight_decay
 * (AdamW's decoupled decay; the other optimizers' L2 penalty is {@link
 * Regularization#weightDecay()}), amsgrad.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "name")
public sealed interface OptimizerSettings {
  /** Each optimizer's class, registered with the JSON form under the kind's id. */
  Map<OptimizerKind, Class<? extends OptimizerSettings>> CLASSES =
      Map.of(
          OptimizerKind.SGD, Sgd.class,
          OptimizerKind.MOMENTUM, Momentum.class,
          OptimizerKind.NESTEROV, Nesterov.class,
          OptimizerKind.ADAGRAD, AdaGrad.class,
          OptimizerKind.RMSPROP, RmsProp.class,
          OptimizerKind.ADAM, Adam.class,
          OptimizerKind.ADAMW, AdamW.class);

  /** Which optimizer these are settings of. */
  @JsonIgnore
  OptimizerKind kind();

  /** The optimizer's name, e.g. {@code adam}. */
  @JsonIgnore
  default String name() {
    return kind().id();
  }

  /** The base learning rate η. */
  double lr();

  /** A new optimizer with fresh state, in the conventions' algebraic form. */
  Optimizer build(Conventions conventions);

  /**
   * These settings with one numeric setting changed.
   *
   * @throws InvalidSpecException if this optimizer has no such setting or the value is outside its
   *     range
   */
  OptimizerSettings with(String setting, double value);

  /** The defaults of optimizer {@code name} under {@code conventions}. */
  static OptimizerSettings defaults(String name, Conventions c) {
    OptimizerKind kind =
        OptimizerKind.find(name)
            .orElseThrow(
                () ->
                    new InvalidSpecException(
                        "optimizer.name",
                        "'" + name + "'",
                        "one of " + String.join(", ", OptimizerKind.ids())));
    double lr = kind.defaultLearningRate();
    return switch (kind) {
      case SGD -> new Sgd(lr);
      case MOMENTUM -> new Momentum(lr, 0.9);
      case NESTEROV -> new Nesterov(lr, 0.9);
      case ADAGRAD -> new AdaGrad(lr, c.adagradEpsilon);
      case RMSPROP -> new RmsProp(lr, 0.99, c.rmspropEpsilon);
      case ADAM -> new Adam(lr, 0.9, 0.999, c.adamEpsilon, false);
      case ADAMW -> new AdamW(lr, 0.9, 0.999, c.adamEpsilon, 0.01, false);
    };
  }

  /** Whether optimizer {@code name} has the setting {@code setting} (lr: all of them). */
  static boolean uses(String name, String setting) {
    return OptimizerKind.find(name)
        .flatMap(k -> OptimizerSetting.find(setting).map(k::takes))
        .orElse(false);
  }

  /** The optimizers that have setting {@code setting}, for messages. */
  static List<String> usersOf(String setting) {
    return OptimizerKind.ids().stream().filter(n -> uses(n, setting)).toList();
  }

  /** A setting outside its range, named by its field in the JSON form. */
  Range.Refusal REFUSAL = (n, v, e) -> new InvalidSpecException("optimizer." + n, v, e);

  /** The refusal of a setting this optimizer does not have. */
  private static InvalidSpecException notApplicable(String name, String setting, Object value) {
    return new InvalidSpecException(
        "optimizer." + setting,
        value,
        "no "
            + setting
            + " with optimizer "
            + name
            + "; it applies to "
            + String.join(", ", usersOf(setting)));
  }

  /** Plain stochastic gradient descent: θ ← θ − η·g. */
  record Sgd(double lr) implements OptimizerSettings {
    public Sgd {
      OptimizerSetting.LR.check(lr, REFUSAL);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.SGD;
    }

    @Override
    public dev.gakushu.optim.Optimizer build(Conventions c) {
      return new dev.gakushu.optim.Sgd(lr);
    }

    @Override
    public OptimizerSettings with(String setting, double v) {
      if (setting.equals("lr")) {
        return new Sgd(v);
      }
      throw notApplicable(name(), setting, v);
    }
  }

  /** Heavy-ball momentum μ. */
  record Momentum(double lr, double momentum) implements OptimizerSettings {
    public Momentum {
      OptimizerSetting.LR.check(lr, REFUSAL);
      OptimizerSetting.MOMENTUM.check(momentum, REFUSAL);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.MOMENTUM;
    }

    @Override
    public Optimizer build(Conventions c) {
      return new dev.gakushu.optim.Momentum(lr, momentum, c.bookForms);
    }

    @Override
    public OptimizerSettings with(String setting, double v) {
      return switch (setting) {
        case "lr" -> new Momentum(v, momentum);
        case "momentum" -> new Momentum(lr, v);
        default -> throw notApplicable(name(), setting, v);
      };
    }
  }

  /** Nesterov's accelerated gradient with momentum μ. */
  record Nesterov(double lr, double momentum) implements OptimizerSettings {
    public Nesterov {
      OptimizerSetting.LR.check(lr, REFUSAL);
      OptimizerSetting.MOMENTUM.check(momentum, REFUSAL);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.NESTEROV;
    }

    @Override
    public Optimizer build(Conventions c) {
      return new dev.gakushu.optim.Nesterov(lr, momentum, c.bookForms);
    }

    @Override
    public OptimizerSettings with(String setting, double v) {
      return switch (setting) {
        case "lr" -> new Nesterov(v, momentum);
        case "momentum" -> new Nesterov(lr, v);
        default -> throw notApplicable(name(), setting, v);
      };
    }
  }

  /** AdaGrad with ε added to √h. */
  record AdaGrad(double lr, double eps) implements OptimizerSettings {
    public AdaGrad {
      OptimizerSetting.LR.check(lr, REFUSAL);
      OptimizerSetting.EPS.check(eps, REFUSAL);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADAGRAD;
    }

    @Override
    public Optimizer build(Conventions c) {
      return new dev.gakushu.optim.AdaGrad(lr, eps);
    }

    @Override
    public OptimizerSettings with(String setting, double v) {
      return switch (setting) {
        case "lr" -> new AdaGrad(v, eps);
        case "eps" -> new AdaGrad(lr, v);
        default -> throw notApplicable(name(), setting, v);
      };
    }
  }

  /** RMSprop with decay ρ of the squared-gradient average and ε. */
  record RmsProp(double lr, double rho, double eps) implements OptimizerSettings {
    public RmsProp {
      OptimizerSetting.LR.check(lr, REFUSAL);
      OptimizerSetting.RHO.check(rho, REFUSAL);
      OptimizerSetting.EPS.check(eps, REFUSAL);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.RMSPROP;
    }

    @Override
    public Optimizer build(Conventions c) {
      return new dev.gakushu.optim.RmsProp(lr, rho, eps);
    }

    @Override
    public OptimizerSettings with(String setting, double v) {
      return switch (setting) {
        case "lr" -> new RmsProp(v, rho, eps);
        case "rho" -> new RmsProp(lr, v, eps);
        case "eps" -> new RmsProp(lr, rho, v);
        default -> throw notApplicable(name(), setting, v);
      };
    }
  }

  /** Adam with moment decays β1, β2, ε and optionally AMSGrad's running maximum of v. */
  record Adam(double lr, double beta1, double beta2, double eps, boolean amsgrad)
      implements OptimizerSettings {
    public Adam {
      OptimizerSetting.LR.check(lr, REFUSAL);
      OptimizerSetting.BETA1.check(beta1, REFUSAL);
      OptimizerSetting.BETA2.check(beta2, REFUSAL);
      OptimizerSetting.EPS.check(eps, REFUSAL);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADAM;
    }

    @Override
    public Optimizer build(Conventions c) {
      return new dev.gakushu.optim.Adam(lr, beta1, beta2, eps, amsgrad, c.bookForms);
    }

    @Override
    public OptimizerSettings with(String setting, double v) {
      return switch (setting) {
        case "lr" -> new Adam(v, beta1, beta2, eps, amsgrad);
        case "beta1" -> new Adam(lr, v, beta2, eps, amsgrad);
        case "beta2" -> new Adam(lr, beta1, v, eps, amsgrad);
        case "eps" -> new Adam(lr, beta1, beta2, v, amsgrad);
        case "amsgrad" -> new Adam(lr, beta1, beta2, eps, v != 0);
        default -> throw notApplicable(name(), setting, v);
      };
    }
  }

  /** AdamW: Adam with the decoupled weight decay θ ← θ·(1 − η·λ) on weight matrices. */
  record AdamW(
      double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
      implements OptimizerSettings {
    public AdamW {
      OptimizerSetting.LR.check(lr, REFUSAL);
      OptimizerSetting.BETA1.check(beta1, REFUSAL);
      OptimizerSetting.BETA2.check(beta2, REFUSAL);
      OptimizerSetting.EPS.check(eps, REFUSAL);
      OptimizerSetting.WEIGHT_DECAY.check(weightDecay, REFUSAL);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADAMW;
    }

    @Override
    public Optimizer build(Conventions c) {
      return new dev.gakushu.optim.AdamW(lr, beta1, beta2, eps, weightDecay, amsgrad, c.bookForms);
    }

    @Override
    public OptimizerSettings with(String setting, double v) {
      return switch (setting) {
        case "lr" -> new AdamW(v, beta1, beta2, eps, weightDecay, amsgrad);
        case "beta1" -> new AdamW(lr, v, beta2, eps, weightDecay, amsgrad);
        case "beta2" -> new AdamW(lr, beta1, v, eps, weightDecay, amsgrad);
        case "eps" -> new AdamW(lr, beta1, beta2, v, weightDecay, amsgrad);
        case "weight_decay" -> new AdamW(lr, beta1, beta2, eps, v, amsgrad);
        case "amsgrad" -> new AdamW(lr, beta1, beta2, eps, weightDecay, v != 0);
        default -> throw notApplicable(name(), setting, v);
      };
    }
  }
}
