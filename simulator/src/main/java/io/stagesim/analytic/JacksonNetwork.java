package io.stagesim.analytic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Open Jackson networks: Poisson external arrivals γ_i, Markovian routing r_ij (a job leaving i
 * goes to j with probability r_ij and leaves the network with 1 − Σ_j r_ij), and stations that are
 * M/M/c FCFS queues or infinite-server delays. The traffic equations λ = γ + Rᵀλ give each
 * station's total arrival rate; by Jackson's theorem the stations then behave as independent
 * M/M/c (or M/M/∞) queues in steady state, and the network mean response is Σ_k V_k·W_k with
 * visit ratios V_k = λ_k/Σγ (J. R. Jackson, "Jobshop-like queueing systems", Management Science
 * 10(1), 1963; Gross &amp; Harris, <i>Fundamentals of Queueing Theory</i>, networks chapter;
 * Lazowska et al., <i>Quantitative System Performance</i>, 1984, ch. 6 open models).
 *
 * <p>Units: rates in 1/s, times in seconds. Throws {@link IllegalArgumentException} for invalid
 * routing, a singular traffic system (jobs that can never leave), or any saturated station.
 */
public final class JacksonNetwork {

    private JacksonNetwork() {
    }

    /**
     * A station: an M/M/c FCFS queue with {@code servers} servers, or an infinite-server delay.
     *
     * @param servers number of servers c ≥ 1 (ignored, reported as 0, for a delay station)
     * @param serviceRate exponential service rate μ per server in 1/s
     * @param infiniteServer true for an infinite-server (pure delay) station
     */
    public record Station(int servers, double serviceRate, boolean infiniteServer) {

        /** Validates the station. */
        public Station {
            Checks.positive("service rate mu", serviceRate);
            if (infiniteServer) {
                servers = 0;
            } else {
                Checks.atLeast("number of servers c", servers, 1);
            }
        }

        /** A single-server M/M/1 station with service rate μ in 1/s. */
        public static Station mm1(double serviceRate) {
            return new Station(1, serviceRate, false);
        }

        /** A c-server M/M/c station with per-server service rate μ in 1/s. */
        public static Station mmc(int servers, double serviceRate) {
            return new Station(servers, serviceRate, false);
        }

        /** An infinite-server delay station with mean delay 1/μ seconds. */
        public static Station delay(double serviceRate) {
            return new Station(0, serviceRate, true);
        }
    }

    /**
     * Steady-state metrics of one station.
     *
     * @param arrivalRate total arrival rate λ_k in 1/s from the traffic equations
     * @param visitRatio mean visits per job V_k = λ_k / Σγ
     * @param utilisation per-server utilisation λ_k/(c_k μ_k); 0 for a delay station
     * @param meanNumber mean number at the station L_k
     * @param meanResponseTime mean response time per visit W_k in seconds
     */
    public record StationMetrics(double arrivalRate, double visitRatio, double utilisation,
            double meanNumber, double meanResponseTime) {
    }

    /**
     * Network-level result.
     *
     * @param stations per-station metrics in input order
     * @param externalArrivalRate total external arrival rate Σγ in 1/s
     * @param meanNumberInSystem mean number of jobs in the network Σ L_k
     * @param meanResponseTime mean time in the network Σ V_k W_k in seconds
     */
    public record Result(List<StationMetrics> stations, double externalArrivalRate,
            double meanNumberInSystem, double meanResponseTime) {

        /** Makes the station list immutable. */
        public Result {
            stations = List.copyOf(stations);
        }
    }

    /** Solves λ = γ + Rᵀλ for the total arrival rate into every station, in 1/s. */
    public static double[] trafficEquations(double[] externalArrivals, double[][] routing) {
        double[] gamma = Checks.nonNegativeArray("external arrival rate", externalArrivals);
        int n = gamma.length;
        checkRouting(routing, n);
        // Build A = I − Rᵀ and solve A·λ = γ by Gaussian elimination with partial pivoting.
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = (i == j ? 1.0 : 0.0) - routing[j][i];
            }
            a[i][n] = gamma[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("traffic equations are singular: some jobs"
                        + " can never leave the network (routing closed around station " + col
                        + ")");
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int row = col + 1; row < n; row++) {
                double f = a[row][col] / a[col][col];
                if (f != 0) {
                    for (int j = col; j <= n; j++) {
                        a[row][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[] lambda = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * lambda[j];
            }
            lambda[i] = Math.max(0.0, s / a[i][i]);
        }
        return lambda;
    }

    /** Solves the network from external arrival rates γ (1/s) and a routing matrix R. */
    public static Result solve(double[] externalArrivals, double[][] routing,
            List<Station> stations) {
        double[] lambda = trafficEquations(externalArrivals, routing);
        double total = 0;
        for (double g : externalArrivals) {
            total += g;
        }
        Checks.positive("total external arrival rate", total);
        double[] visits = new double[lambda.length];
        for (int k = 0; k < visits.length; k++) {
            visits[k] = lambda[k] / total;
        }
        return evaluate(total, visits, stations);
    }

    /** Solves the network from a total arrival rate (1/s) and the visit ratio of each station. */
    public static Result solveWithVisits(double arrivalRate, double[] visitRatios,
            List<Station> stations) {
        Checks.positive("arrival rate lambda", arrivalRate);
        return evaluate(arrivalRate, Checks.nonNegativeArray("visit ratio", visitRatios),
                stations);
    }

    /** A tandem line: every job visits each station once, in order, at rate λ in 1/s. */
    public static Result tandem(double arrivalRate, List<Station> stations) {
        double[] visits = new double[stations.size()];
        Arrays.fill(visits, 1.0);
        return solveWithVisits(arrivalRate, visits, stations);
    }

    private static Result evaluate(double total, double[] visits, List<Station> stations) {
        if (stations.size() != visits.length) {
            throw new IllegalArgumentException("expected " + visits.length
                    + " stations to match the arrival and routing data, got " + stations.size());
        }
        List<StationMetrics> out = new ArrayList<>(visits.length);
        double number = 0;
        double response = 0;
        for (int k = 0; k < visits.length; k++) {
            Station s = stations.get(k);
            double lambda = total * visits[k];
            double mu = s.serviceRate();
            StationMetrics m;
            if (lambda == 0) {
                m = new StationMetrics(0, 0, 0, 0, 1 / mu);
            } else if (s.infiniteServer()) {
                m = new StationMetrics(lambda, visits[k], 0, lambda / mu, 1 / mu);
            } else {
                double rho = lambda / (s.servers() * mu);
                if (!(rho < 1)) {
                    throw new IllegalArgumentException("station " + k + " is saturated:"
                            + " utilisation rho = " + rho + " (arrival rate " + lambda
                            + ", servers " + s.servers() + ", service rate " + mu + ")");
                }
                double w = ErlangC.meanResponseTime(s.servers(), lambda, mu);
                m = new StationMetrics(lambda, visits[k], rho, lambda * w, w);
            }
            out.add(m);
            number += m.meanNumber();
            response += visits[k] * m.meanResponseTime();
        }
        return new Result(out, total, number, response);
    }

    private static void checkRouting(double[][] routing, int n) {
        if (routing == null || routing.length != n) {
            throw new IllegalArgumentException("routing matrix must be " + n + " x " + n);
        }
        for (int i = 0; i < n; i++) {
            if (routing[i] == null || routing[i].length != n) {
                throw new IllegalArgumentException("routing matrix row " + i + " must have "
                        + n + " entries");
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double r = routing[i][j];
                if (!(r >= 0 && r <= 1)) {
                    throw new IllegalArgumentException("routing probability r[" + i + "][" + j
                            + "] must be in [0, 1], was " + r);
                }
                sum += r;
            }
            if (sum > 1 + 1e-12) {
                throw new IllegalArgumentException("routing row " + i
                        + " sums to " + sum + ", more than 1");
            }
        }
    }
}
