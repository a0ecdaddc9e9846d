package dev.parallax.core.embed;

/**
 * Principal component analysis of a set of vectors: their mean and the leading eigenvectors of their covariance,
 * found with cyclic Jacobi rotations (exact and dependency-free for the few hundred dimensions of an embedding).
 * Deterministic: the same vectors give the same components, each signed so that its largest entry is positive.
 */
final class Pca {
    private final double[] mean;
    /** Row {@code k} is the {@code k}-th component, by decreasing variance. */
    private final double[][] components;

    private Pca(double[] mean, double[][] components) {
        this.mean = mean;
        this.components = components;
    }

    static Pca fit(float[][] vectors, int keep) {
        int n = vectors[0].length;
        double[] mean = new double[n];
        for (float[] v : vectors) {
            for (int d = 0; d < n; d++) {
                mean[d] += v[d];
            }
        }
        for (int d = 0; d < n; d++) {
            mean[d] /= vectors.length;
        }
        double[][] cov = new double[n][n];
        double[] c = new double[n];
        for (float[] v : vectors) {
            for (int d = 0; d < n; d++) {
                c[d] = v[d] - mean[d];
            }
            for (int i = 0; i < n; i++) {
                double ci = c[i];
                double[] row = cov[i];
                for (int j = i; j < n; j++) {
                    row[j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                cov[i][j] /= vectors.length;
                cov[j][i] = cov[i][j];
            }
        }
        double[][] eigenvectors = new double[n][n];
        double[] eigenvalues = jacobi(cov, eigenvectors);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        double[][] components = new double[keep][n];
        for (int k = 0; k < keep; k++) {
            int col = order[k];
            int argmax = 0;
            for (int d = 0; d < n; d++) {
                components[k][d] = eigenvectors[d][col];
                if (Math.abs(components[k][d]) > Math.abs(components[k][argmax])) {
                    argmax = d;
                }
            }
            if (components[k][argmax] < 0) {
                for (int d = 0; d < n; d++) {
                    components[k][d] = -components[k][d];
                }
            }
        }
        return new Pca(mean, components);
    }

    /** Each vector, centred and expressed in the kept components. */
    float[][] project(float[][] vectors) {
        float[][] out = new float[vectors.length][components.length];
        for (int i = 0; i < vectors.length; i++) {
            for (int k = 0; k < components.length; k++) {
                double s = 0;
                for (int d = 0; d < mean.length; d++) {
                    s += (vectors[i][d] - mean[d]) * components[k][d];
                }
                out[i][k] = (float) s;
            }
        }
        return out;
    }

    /**
     * Diagonalises the symmetric matrix {@code a} in place with cyclic Jacobi sweeps; returns the eigenvalues and
     * fills {@code v} with the eigenvectors as columns.
     */
    private static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += a[i][j] * a[i][j];
                    if (i != j) {
                        off += a[i][j] * a[i][j];
                    }
                }
            }
            if (off <= 1e-22 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = cs * vkp - sn * vkq;
                        v[k][q] = sn * vkp + cs * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
