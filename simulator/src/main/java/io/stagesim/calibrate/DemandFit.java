package io.stagesim.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * One process group's CPU explained by the classes' throughputs: over intervals i,
 * U_i = B + Σ_c D_c·X_ci + e_i, where U is the cores busy, X_c class c's completions per second,
 * D_c its CPU seconds per request (the service demand law, several classes at once) and B the
 * background (cores busy with no requests). Fitted by non-negative least squares; the standard
 * errors are those of ordinary least squares on the coefficients that came out positive,
 * σ²(AᵀA)⁻¹ with σ² = RSS/(n − p), and the intervals use Student's t at 95 %.
 *
 * <p>It warns when the fit is poor (R² below 0.8 where the CPU varied), when there are too few
 * intervals for the coefficients, when a class cannot be told apart (its rate never varied, or it
 * moved with another class's: the design's condition number above 1,000 with columns scaled), and
 * when a demand's interval is wider than the demand itself.
 */
public final class DemandFit {

    /** A fitted coefficient: its value, standard error and 95 % interval half-width (NaN when unknown). */
    public record Coefficient(String name, double value, double standardError, double halfWidth) {
    }

    /**
     * The fit: background cores, a demand per class (seconds), R², residual RMS (cores), intervals,
     * warnings, and how the demands were found ({@link #REGRESSION} unless a fallback was needed).
     */
    public record Result(String group, Coefficient background, List<Coefficient> demands, double rSquared,
            double residualRms, int intervals, double conditionNumber, List<String> warnings, String method) {

        /** True when the classes' demands came out of the regression itself. */
        public boolean separated() {
            return REGRESSION.equals(method);
        }

        /** The demand of class {@code name}, or null. */
        public Coefficient demand(String name) {
            return demands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** The method of a fit whose classes the regression told apart. */
    public static final String REGRESSION = "regression on the classes' rates";

    /** Where a fit counts as poor. */
    static final double POOR_R2 = 0.8;
    /** Where a design counts as ill-conditioned. */
    static final double ILL_CONDITIONED = 1_000;

    private DemandFit() {
    }

    /**
     * Fits {@code busy[i]} (cores) on {@code rates[i][c]} (per second) for classes {@code names}.
     */
    public static Result fit(String group, double[] busy, double[][] rates, List<String> names) {
        int n = busy.length;
        int classes = names.size();
        int p = classes + 1;
        double[][] a = new double[n][p];
        for (int i = 0; i < n; i++) {
            a[i][0] = 1;
            System.arraycopy(rates[i], 0, a[i], 1, classes);
        }
        List<String> warnings = new ArrayList<>();
        double[] x = Nnls.solve(a, busy);
        double rss = 0;
        double mean = 0;
        for (double y : busy) {
            mean += y / n;
        }
        double tss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int j = 0; j < p; j++) {
                fitted += a[i][j] * x[j];
            }
            rss += (busy[i] - fitted) * (busy[i] - fitted);
            tss += (busy[i] - mean) * (busy[i] - mean);
        }
        double r2 = tss > 0 ? 1 - rss / tss : Double.NaN;
        int active = 0;
        for (double v : x) {
            active += v > 0 ? 1 : 0;
        }
        double[] se = new double[p];
        java.util.Arrays.fill(se, Double.NaN);
        int dof = n - active;
        double t = dof > 0 ? new TDistribution(dof).inverseCumulativeProbability(0.975) : Double.NaN;
        if (dof > 0 && active > 0) {
            double sigma2 = rss / dof;
            RealMatrix m = new Array2DRowRealMatrix(n, active);
            int[] index = new int[active];
            int c = 0;
            for (int j = 0; j < p; j++) {
                if (x[j] > 0) {
                    index[c] = j;
                    for (int i = 0; i < n; i++) {
                        m.setEntry(i, c, a[i][j]);
                    }
                    c++;
                }
            }
            LUDecomposition lu = new LUDecomposition(m.transpose().multiply(m), 1e-300);
            if (lu.getSolver().isNonSingular()) {
                RealMatrix inv = lu.getSolver().getInverse();
                for (int k = 0; k < active; k++) {
                    se[index[k]] = Math.sqrt(Math.max(0, sigma2 * inv.getEntry(k, k)));
                }
            }
        }
        if (n < p + 5) {
            warnings.add(String.format(Locale.ROOT, "%s: only %d intervals for %d coefficients; measure longer or "
                    + "use shorter intervals", group, n, p));
        }
        double condition = condition(a);
        if (condition > ILL_CONDITIONED) {
            warnings.add(String.format(Locale.ROOT, "%s: the classes cannot be told apart (condition number %.3g): "
                    + "%s; measure at several different mixes of them, or merge them", group, condition,
                    mostAlike(rates, names)));
        }
        if (tss > 0 && r2 < POOR_R2) {
            warnings.add(String.format(Locale.ROOT, "%s: a poor fit (R² %.2f): its CPU is not explained by the "
                    + "request rates (other work on the processes, or intervals too short for the load)", group, r2));
        }
        List<Coefficient> demands = new ArrayList<>();
        for (int j = 1; j < p; j++) {
            Coefficient co = new Coefficient(names.get(j - 1), x[j], se[j], se[j] * t);
            demands.add(co);
            if (x[j] > 0 && co.halfWidth() > x[j]) {
                warnings.add(String.format(Locale.ROOT, "%s: the demand of %s is poorly determined (%.3g ms ± %.3g)",
                        group, co.name(), x[j] * 1000, co.halfWidth() * 1000));
            }
        }
        return new Result(group, new Coefficient("background", x[0], se[0], se[0] * t), List.copyOf(demands), r2,
                Math.sqrt(rss / Math.max(1, n)), n, condition, List.copyOf(warnings), REGRESSION);
    }

    /**
     * The fallback when the classes cannot be told apart (a fixed mix, or too few windows): the
     * CPU per request of the mix, by the service demand law D = ΣU·t / Σcompletions (with no
     * background: one load level cannot tell it from the demand), split among the classes in
     * proportion to their mean time at the server ({@code weights}), so the mix's mean is kept
     * exactly. An estimate, and said to be one.
     */
    public static Result byServiceDemandLaw(String group, double cpuSeconds, double[] counts, double[] weights,
            List<String> names, int intervals, List<String> warnings) {
        double requests = 0;
        double weighted = 0;
        for (int c = 0; c < counts.length; c++) {
            requests += counts[c];
            weighted += counts[c] * weights[c];
        }
        double mix = requests > 0 ? cpuSeconds / requests : 0;
        List<Coefficient> demands = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            double d = weighted > 0 ? mix * weights[c] * requests / weighted : mix;
            demands.add(new Coefficient(names.get(c), d, Double.NaN, Double.NaN));
        }
        List<String> w = new ArrayList<>(warnings);
        w.add(String.format(Locale.ROOT, "%s: the classes could not be told apart, so their CPU is the mix's %.3f ms "
                + "per request (service demand law over %d windows) split in proportion to their time at the server: "
                + "an estimate", group, mix * 1000, intervals));
        return new Result(group, new Coefficient("background", 0, Double.NaN, Double.NaN), List.copyOf(demands),
                Double.NaN, Double.NaN, intervals, Double.POSITIVE_INFINITY, List.copyOf(w),
                "service demand law on the mix, split by time at the server");
    }

    /** Condition number of the design with its columns scaled to unit norm (those that are not all zero). */
    static double condition(double[][] a) {
        int n = a.length;
        int p = a[0].length;
        List<Integer> used = new ArrayList<>();
        double[] norm = new double[p];
        for (int j = 0; j < p; j++) {
            for (double[] row : a) {
                norm[j] += row[j] * row[j];
            }
            norm[j] = Math.sqrt(norm[j]);
            if (norm[j] > 0) {
                used.add(j);
            }
        }
        if (used.isEmpty() || n < used.size()) {
            return Double.POSITIVE_INFINITY;
        }
        RealMatrix m = new Array2DRowRealMatrix(n, used.size());
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < used.size(); c++) {
                int j = used.get(c);
                m.setEntry(i, c, a[i][j] / norm[j]);
            }
        }
        double[] sv = new SingularValueDecomposition(m).getSingularValues();
        double min = sv[sv.length - 1];
        return min > 0 ? sv[0] / min : Double.POSITIVE_INFINITY;
    }

    /** The pair of classes whose rates move most alike, or the class whose rate never varied. */
    private static String mostAlike(double[][] rates, List<String> names) {
        int n = rates.length;
        int c = names.size();
        double[] mean = new double[c];
        double[] sd = new double[c];
        for (int j = 0; j < c; j++) {
            for (double[] r : rates) {
                mean[j] += r[j] / n;
            }
            for (double[] r : rates) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
            sd[j] = Math.sqrt(sd[j] / n);
            if (sd[j] <= 1e-9 * Math.max(1, Math.abs(mean[j]))) {
                return "the rate of " + names.get(j) + " never varied, so its CPU cannot be told from the background";
            }
        }
        double best = -1;
        String pair = "";
        for (int j = 0; j < c; j++) {
            for (int k = j + 1; k < c; k++) {
                double cov = 0;
                for (double[] r : rates) {
                    cov += (r[j] - mean[j]) * (r[k] - mean[k]) / n;
                }
                double corr = Math.abs(cov / (sd[j] * sd[k]));
                if (corr > best) {
                    best = corr;
                    pair = String.format(Locale.ROOT, "the rates of %s and %s move together (correlation %.3f)",
                            names.get(j), names.get(k), corr);
                }
            }
        }
        return pair.isEmpty() ? "one class and the background move together" : pair;
    }
}
