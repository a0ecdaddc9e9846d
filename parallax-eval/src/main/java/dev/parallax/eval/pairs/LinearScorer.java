package dev.parallax.eval.pairs;

import java.util.Arrays;

/**
 * A linear score over standardised features, fitted either as a logistic regression (binary gold) or by least
 * squares (graded gold). Small enough to fit in milliseconds on a few thousand pairs.
 */
public record LinearScorer(double[] mean, double[] scale, double[] weights, double bias) {

    public double score(double[] x) {
        double s = bias;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return s;
    }

    public double[] scoreAll(double[][] xs) {
        return Arrays.stream(xs).mapToDouble(this::score).toArray();
    }

    /** Logistic regression by full-batch gradient descent with a light L2 penalty; {@link #score} is the log-odds. */
    public static LinearScorer fitLogistic(double[][] x, boolean[] y) {
        Standardised st = Standardised.of(x);
        double[][] z = st.z();
        double[] mean = st.mean(), scale = st.scale();
        int n = x.length, d = mean.length;
        double[] w = new double[d];
        double b = 0, rate = 0.5, l2 = 1e-4;
        for (int iter = 0; iter < 2000; iter++) {
            double[] gw = new double[d];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double s = b;
                for (int j = 0; j < d; j++) {
                    s += w[j] * z[i][j];
                }
                double err = 1 / (1 + Math.exp(-s)) - (y[i] ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    gw[j] += err * z[i][j];
                }
                gb += err;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= rate * (gw[j] / n + l2 * w[j]);
            }
            b -= rate * gb / n;
        }
        return new LinearScorer(mean, scale, w, b);
    }

    /** Ordinary least squares (with a tiny ridge for stability) on standardised features. */
    public static LinearScorer fitLeastSquares(double[][] x, double[] y) {
        Standardised st = Standardised.of(x);
        double[][] z = st.z();
        double[] mean = st.mean(), scale = st.scale();
        int n = x.length, d = mean.length;
        double yMean = Arrays.stream(y).average().orElseThrow();
        // Normal equations on centred data: (ZᵀZ + λI) w = Zᵀ(y - ȳ); the bias is then ȳ.
        double[][] a = new double[d][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    a[j][k] += z[i][j] * z[i][k];
                }
                a[j][d] += z[i][j] * (y[i] - yMean);
            }
        }
        for (int j = 0; j < d; j++) {
            a[j][j] += 1e-6 * n;
        }
        return new LinearScorer(mean, scale, solve(a), yMean);
    }

    private record Standardised(double[][] z, double[] mean, double[] scale) {

        /** Centres each feature and divides by its standard deviation (1 where the feature is constant). */
        static Standardised of(double[][] x) {
            if (x.length == 0) {
                throw new IllegalArgumentException("Cannot fit on no examples");
            }
            int n = x.length, d = x[0].length;
            double[] mean = new double[d], scale = new double[d];
            for (double[] row : x) {
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j] / n;
                }
            }
            for (double[] row : x) {
                for (int j = 0; j < d; j++) {
                    scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
                }
            }
            for (int j = 0; j < d; j++) {
                scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
            }
            double[][] z = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    z[i][j] = (x[i][j] - mean[j]) / scale[j];
                }
            }
            return new Standardised(z, mean, scale);
        }
    }

    /** Gauss-Jordan elimination with partial pivoting on an augmented d×(d+1) matrix. */
    private static double[] solve(double[][] a) {
        int d = a.length;
        for (int c = 0; c < d; c++) {
            int pivot = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= d; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = a[j][d] / a[j][j];
        }
        return w;
    }
}
