package io.stagesim.calibrate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Non-negative least squares, min ‖Ax − b‖ subject to x ≥ 0, by the active-set method of Lawson
 * and Hanson (<i>Solving Least Squares Problems</i>, Prentice-Hall 1974, ch. 23), each
 * unconstrained step solved by QR on the columns free at the time. Columns are scaled to unit norm
 * first, so a rate in thousands per second and an intercept of 1 weigh alike.
 */
public final class Nnls {

    private Nnls() {
    }

    /** The solution x (one entry per column of {@code a}). */
    public static double[] solve(double[][] a, double[] b) {
        int n = a.length;
        int p = n == 0 ? 0 : a[0].length;
        double[] scale = new double[p];
        double[][] s = new double[n][p];
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (double[] row : a) {
                norm += row[j] * row[j];
            }
            scale[j] = norm > 0 ? Math.sqrt(norm) : 1;
            for (int i = 0; i < n; i++) {
                s[i][j] = a[i][j] / scale[j];
            }
        }
        double[] x = new double[p];
        boolean[] free = new boolean[p];
        boolean[] blocked = new boolean[p]; // columns that made the free set singular
        double tol = 1e-12 * Math.max(1, p);
        for (int iteration = 0; iteration < 3 * p + 10; iteration++) {
            double[] w = gradient(s, b, x);
            int best = -1;
            for (int j = 0; j < p; j++) {
                if (!free[j] && !blocked[j] && w[j] > tol && (best < 0 || w[j] > w[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            free[best] = true;
            while (true) {
                double[] z;
                try {
                    z = leastSquares(s, b, free);
                } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
                    free[best] = false; // a column the free ones already span: it cannot add anything
                    x[best] = 0;
                    blocked[best] = true;
                    break;
                }
                boolean feasible = true;
                double alpha = 1;
                for (int j = 0; j < p; j++) {
                    if (free[j] && z[j] <= 0) {
                        feasible = false;
                        alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
                    }
                }
                if (feasible) {
                    x = z;
                    break;
                }
                for (int j = 0; j < p; j++) {
                    x[j] += alpha * (z[j] - x[j]);
                    if (free[j] && x[j] <= tol) {
                        free[j] = false;
                        x[j] = 0;
                    }
                }
            }
        }
        for (int j = 0; j < p; j++) {
            x[j] /= scale[j];
        }
        return x;
    }

    private static double[] gradient(double[][] a, double[] b, double[] x) {
        int p = x.length;
        double[] w = new double[p];
        for (int i = 0; i < a.length; i++) {
            double r = b[i];
            for (int j = 0; j < p; j++) {
                r -= a[i][j] * x[j];
            }
            for (int j = 0; j < p; j++) {
                w[j] += a[i][j] * r;
            }
        }
        return w;
    }

    /** Least squares on the free columns, zero elsewhere. */
    static double[] leastSquares(double[][] a, double[] b, boolean[] free) {
        int p = free.length;
        int k = 0;
        for (boolean f : free) {
            k += f ? 1 : 0;
        }
        double[] out = new double[p];
        if (k == 0) {
            return out;
        }
        RealMatrix m = new Array2DRowRealMatrix(a.length, k);
        for (int i = 0; i < a.length; i++) {
            int c = 0;
            for (int j = 0; j < p; j++) {
                if (free[j]) {
                    m.setEntry(i, c++, a[i][j]);
                }
            }
        }
        RealVector sol = new QRDecomposition(m, 1e-12).getSolver().solve(new ArrayRealVector(b));
        int c = 0;
        for (int j = 0; j < p; j++) {
            if (free[j]) {
                out[j] = sol.getEntry(c++);
            }
        }
        return out;
    }
}
