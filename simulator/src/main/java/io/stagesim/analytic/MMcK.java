package io.stagesim.analytic;

/**
 * The M/M/c/K queue: Poisson arrivals at rate λ, c exponential servers at rate μ each, and room
 * for K ≥ c customers in total (K − c waiting places); arrivals finding K present are lost.
 *
 * <p>Stationary distribution (Gross &amp; Harris, <i>Fundamentals of Queueing Theory</i>, ch. 2,
 * queues with truncation; Kleinrock, <i>Queueing Systems</i> vol. 1, ch. 3): with a = λ/μ, ρ = a/c,
 * p_n ∝ a^n/n! for n ≤ c and p_n ∝ (a^c/c!)·ρ^{n−c} for c ≤ n ≤ K. No stability condition is
 * needed, so ρ ≥ 1 is allowed. The weights are computed relative to the mode (where the weight is
 * 1) by the ratio recursion p_{n−1}/p_n = min(n, c)/a downwards and p_{n+1}/p_n = a/min(n+1, c)
 * upwards, with the geometric part as powers of ρ, so nothing overflows and tails underflow
 * harmlessly; sums are compensated. Blocking probability p_K, mean number L = Σ n·p_n,
 * throughput λ(1 − p_K), and mean response of accepted customers W = L/(λ(1 − p_K)) by Little.
 *
 * <p>Units: rates in 1/s, times in seconds. Work is O(K) (less when ρ is well away from 1, since
 * negligible geometric terms are skipped); {@link #probabilities} allocates K + 1 doubles.
 */
public final class MMcK {

    private static final double NEGLIGIBLE = 1e-18;

    private MMcK() {
    }

    /** Stationary probabilities p_0..p_K of the number in system. */
    public static double[] probabilities(int servers, int capacity, double lambda, double mu) {
        double[] w = new double[checkCapacity(servers, capacity) + 1];
        Moments m = moments(servers, capacity, lambda, mu, w);
        for (int n = 0; n < w.length; n++) {
            w[n] /= m.total;
        }
        return w;
    }

    /** Blocking probability p_K: the fraction of arrivals lost. */
    public static double blockingProbability(int servers, int capacity, double lambda,
            double mu) {
        Moments m = moments(servers, capacity, lambda, mu, null);
        return m.weightAtCapacity / m.total;
    }

    /** Throughput of accepted customers λ(1 − p_K) in 1/s. */
    public static double throughput(int servers, int capacity, double lambda, double mu) {
        Moments m = moments(servers, capacity, lambda, mu, null);
        return lambda * (m.accepted / m.total);
    }

    /** Per-server utilisation λ(1 − p_K)/(cμ). */
    public static double utilisation(int servers, int capacity, double lambda, double mu) {
        return throughput(servers, capacity, lambda, mu) / (servers * mu);
    }

    /** Mean number in system L = Σ n·p_n. */
    public static double meanNumberInSystem(int servers, int capacity, double lambda,
            double mu) {
        Moments m = moments(servers, capacity, lambda, mu, null);
        return m.number / m.total;
    }

    /** Mean number waiting Lq = Σ (n − c)⁺·p_n. */
    public static double meanNumberInQueue(int servers, int capacity, double lambda,
            double mu) {
        Moments m = moments(servers, capacity, lambda, mu, null);
        return m.queue / m.total;
    }

    /** Mean response time of accepted customers W = L/(λ(1 − p_K)) in seconds. */
    public static double meanResponseTime(int servers, int capacity, double lambda,
            double mu) {
        Moments m = moments(servers, capacity, lambda, mu, null);
        return m.number / (lambda * m.accepted);
    }

    /** Mean wait of accepted customers Wq = Lq/(λ(1 − p_K)) in seconds. */
    public static double meanWait(int servers, int capacity, double lambda, double mu) {
        Moments m = moments(servers, capacity, lambda, mu, null);
        return m.queue / (lambda * m.accepted);
    }

    private static int checkCapacity(int servers, int capacity) {
        Checks.atLeast("number of servers c", servers, 1);
        if (capacity < servers) {
            throw new IllegalArgumentException("capacity K = " + capacity
                    + " must be at least the number of servers c = " + servers);
        }
        if (capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("capacity K must be below Integer.MAX_VALUE");
        }
        return capacity;
    }

    /** Unnormalised sums over weights scaled so the largest weight is 1. */
    private record Moments(double total, double accepted, double number, double queue,
            double weightAtCapacity) {
    }

    private static Moments moments(int c, int k, double lambda, double mu, double[] out) {
        checkCapacity(c, k);
        Checks.positive("arrival rate lambda", lambda);
        Checks.positive("service rate mu", mu);
        double a = lambda / mu;
        double rho = a / c;
        boolean growing = a >= c;
        Sum total = new Sum();
        Sum accepted = new Sum();
        Sum number = new Sum();
        Sum queue = new Sum();
        // Erlang part 0..c, anchored at the mode floor(a) (or at c when the mode is K).
        int start = growing ? c : (int) Math.floor(a);
        double wStart = growing ? Math.pow(rho, (double) c - k) : 1.0;
        double w = wStart;
        for (int n = start; n >= 0; n--) {
            add(n, w, c, k, out, total, accepted, number, queue);
            if (n > 0) {
                w = w * Math.min(n, c) / a;
            }
        }
        w = wStart;
        for (int n = start + 1; n <= c; n++) {
            w = w * a / n;
            add(n, w, c, k, out, total, accepted, number, queue);
        }
        double wc = growing ? wStart : w;
        double wk = growing ? 1.0 : wc * Math.pow(rho, (double) k - c);
        // Geometric part c+1..K, walked outwards from its largest term.
        if (rho == 1.0 && out == null) {
            double m = (double) k - c;
            if (m > 0) {
                total.add(wc * m);
                accepted.add(wc * (m - 1));
                number.add(wc * m * (c + 1 + (double) k) / 2);
                queue.add(wc * m * (m + 1) / 2);
            }
        } else if (!growing) {
            // Terms after n sum to at most wn·r, and weighted by j to wn·(n·r + r2).
            double r = rho / (1 - rho);
            double r2 = r / (1 - rho);
            for (int n = c + 1; n <= k; n++) {
                double wn = wc * Math.pow(rho, (double) n - c);
                add(n, wn, c, k, out, total, accepted, number, queue);
                if (out == null && negligible(wn * r, wn * (n * r + r2),
                        wn * ((n - c) * r + r2), total, accepted, number, queue)) {
                    break;
                }
            }
        } else {
            // Walking down from K the ratio is 1/rho, so terms below n sum to at most wn·r.
            double r = rho == 1.0 ? Double.POSITIVE_INFINITY : 1 / (rho - 1);
            for (int n = k; n > c; n--) {
                double wn = Math.pow(rho, (double) n - k);
                add(n, wn, c, k, out, total, accepted, number, queue);
                if (out == null && negligible(wn * r, n * wn * r, (n - c) * wn * r, total,
                        accepted, number, queue)) {
                    break;
                }
            }
        }
        return new Moments(total.value(), accepted.value(), number.value(), queue.value(), wk);
    }

    /** True when bounds on the skipped remainder of each sum cannot change that sum. */
    private static boolean negligible(double restTotal, double restNumber, double restQueue,
            Sum total, Sum accepted, Sum number, Sum queue) {
        return restTotal <= NEGLIGIBLE * total.value()
                && restTotal <= NEGLIGIBLE * accepted.value()
                && restNumber <= NEGLIGIBLE * number.value()
                && restQueue <= NEGLIGIBLE * queue.value();
    }

    private static void add(int n, double w, int c, int k, double[] out, Sum total,
            Sum accepted, Sum number, Sum queue) {
        if (out != null) {
            out[n] = w;
        }
        total.add(w);
        if (n < k) {
            accepted.add(w);
        }
        number.add(n * w);
        if (n > c) {
            queue.add((n - c) * w);
        }
    }

    /** Neumaier compensated summation. */
    private static final class Sum {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
