package io.stagesim.calibrate;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The CPU of a new database connection on the user's own machine: the same site measured twice,
 * once with Django's {@code CONN_MAX_AGE = 0} (a connection, so a PostgreSQL backend, per request)
 * and once with persistent connections. Per process group the difference of the two captures' CPU
 * per request (the service demand law on the mix, D = U/X) is what a new connection costs there,
 * divided by the share of requests that use the database. Its 95 % interval is Welch's, from the
 * spread of the windows' own U/X in each capture (Student's t with the Welch–Satterthwaite degrees
 * of freedom).
 */
public final class ConnectionFit {

    /** One group's figures (seconds per request): with a new connection, persistent, the difference. */
    public record Group(String group, double fresh, double persistent, double cost, double halfWidth,
            int freshWindows, int persistentWindows) {

        /** The difference as the cost of one connection, never below 0. */
        public double clamped() {
            return Math.max(0, cost);
        }

        /** The figures in words, for the written scenario and the summary. */
        public String describe() {
            return String.format(Locale.ROOT, "%s %.3f ms per request with CONN_MAX_AGE=0 (%d windows), %.3f ms "
                    + "persistent (%d windows): a new connection %.3f ms%s", group, fresh * 1000, freshWindows,
                    persistent * 1000, persistentWindows, cost * 1000,
                    Double.isNaN(halfWidth) ? "" : String.format(Locale.ROOT, " ± %.3f", halfWidth * 1000));
        }
    }

    /** The app server's and the database's cost of a new connection. */
    public record Result(Group app, Group db, double dbShare) {
    }

    private ConnectionFit() {
    }

    /**
     * Fits the connection's cost at {@code appGroup} and {@code dbGroup} from a capture with a new
     * connection per request ({@code fresh}) and one with persistent connections; {@code dbShare}
     * is the share of requests that use the database (each of those opened one connection).
     */
    public static Result fit(Calibration.Result fresh, Calibration.Result persistent, String appGroup,
            String dbGroup, double dbShare) throws CalibrationException {
        if (!(dbShare > 0)) {
            throw new CalibrationException("no request class uses the database in the persistent capture, so a new "
                    + "connection's cost cannot be fitted from it");
        }
        return new Result(group(fresh, persistent, appGroup, dbShare), group(fresh, persistent, dbGroup, dbShare),
                dbShare);
    }

    static Group group(Calibration.Result fresh, Calibration.Result persistent, String group, double dbShare)
            throws CalibrationException {
        if (!fresh.perRequest().containsKey(group) || !persistent.perRequest().containsKey(group)) {
            throw new CalibrationException("process group '" + group + "' is not in both CPU captures: the "
                    + "connection's cost needs its CPU with CONN_MAX_AGE=0 and with persistent connections");
        }
        double[] a = finite(fresh.perRequest(group));
        double[] b = finite(persistent.perRequest(group));
        double d0 = fresh.mixDemand(group);
        double d1 = persistent.mixDemand(group);
        double cost = (d0 - d1) / dbShare;
        return new Group(group, d0, d1, cost, welch(a, b) / dbShare, a.length, b.length);
    }

    /** Welch's 95 % half-width for the difference of the means of {@code a} and {@code b}; NaN with under 2 each. */
    static double welch(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        double se2 = va + vb;
        if (se2 == 0) {
            return 0;
        }
        double dof = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new TDistribution(dof).inverseCumulativeProbability(0.975) * Math.sqrt(se2);
    }

    private static double variance(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0);
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (x.length - 1);
    }

    private static double[] finite(double[] x) {
        return Arrays.stream(x).filter(Double::isFinite).toArray();
    }
}
