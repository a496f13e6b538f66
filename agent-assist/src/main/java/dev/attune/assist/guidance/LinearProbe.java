package dev.attune.assist.guidance;

import java.util.List;

/**
 * A logistic regression over sentence vectors: one per category, trained when its pack is loaded on the pack's own
 * sentences (the category's examples against its near misses, the pack's ordinary lines and every other category's
 * sentences). Twenty examples teach a direction in the model's space far better than they serve as twenty points to
 * be near: a paraphrase lands on the right side of the line although it is close to none of them.
 *
 * <p>Full-batch gradient descent from zero, each class weighted to half the loss, a little L2: deterministic, so
 * the same pack gives the same answers on every node and after every restart. Hand-written because it is twenty
 * lines; a machine-learning library would bring far more than it gives here.
 */
final class LinearProbe {
  private static final int EPOCHS = 300;
  private static final double RATE = 2.0;
  private static final double L2 = 0.001;

  private final double[] weights; // one per dimension, then the bias

  private LinearProbe(double[] weights) {
    this.weights = weights;
  }

  static LinearProbe train(List<float[]> positives, List<float[]> negatives) {
    int d = positives.get(0).length;
    double[] w = new double[d + 1];
    double[] gradient = new double[d + 1];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      java.util.Arrays.fill(gradient, 0);
      accumulate(w, gradient, positives, 1, 0.5 / positives.size());
      accumulate(w, gradient, negatives, 0, negatives.isEmpty() ? 0 : 0.5 / negatives.size());
      for (int i = 0; i < d; i++) {
        w[i] -= RATE * (gradient[i] + L2 * w[i]);
      }
      w[d] -= RATE * gradient[d];
    }
    return new LinearProbe(w);
  }

  private static void accumulate(double[] w, double[] gradient, List<float[]> xs, double label, double weight) {
    int d = w.length - 1;
    for (float[] x : xs) {
      double error = (probability(w, x) - label) * weight;
      for (int i = 0; i < d; i++) {
        gradient[i] += error * x[i];
      }
      gradient[d] += error;
    }
  }

  /** How sure the probe is that a sentence with this vector belongs to its category, 0..1. */
  double probability(float[] x) {
    return probability(weights, x);
  }

  private static double probability(double[] w, float[] x) {
    int d = w.length - 1;
    double z = w[d];
    for (int i = 0; i < d; i++) {
      z += w[i] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }
}
