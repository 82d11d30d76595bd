package io.stagesim.analytic;

/**
 * The Erlang C formula and the exact M/M/c FCFS queue: Poisson arrivals at rate λ, c servers each
 * serving at exponential rate μ, offered load a = λ/μ &lt; c.
 *
 * <p>C(c, a) = c·B(c, a) / (c − a(1 − B(c, a))) is computed from the stable Erlang B recursion
 * (Gross &amp; Harris, <i>Fundamentals of Queueing Theory</i>, ch. 2). With δ = cμ − λ:
 * Wq = C/δ, W = Wq + 1/μ, L = λW, P(Wq &gt; t) = C e^{−δt}; the response time T = Wq + S has
 * P(T &gt; t) = (1 − C) e^{−μt} + C·P(E_δ + E_μ &gt; t), where the hypoexponential tail
 * (δe^{−μt} − μe^{−δt})/(δ − μ) is evaluated in the cancellation-free form
 * e^{−mt}(1 + mt·φ((M − m)t)) with m = min(μ, δ), M = max(μ, δ), φ(x) = (1 − e^{−x})/x, which
 * tends to the Erlang-2 tail (1 + μt)e^{−μt} when δ = μ, i.e. c − 1 = a (Kleinrock,
 * <i>Queueing Systems</i> vol. 1, ch. 3, M/M/m; Gross &amp; Harris, ch. 2, M/M/c waiting-time
 * distribution).
 *
 * <p>Units: rates in 1/s, times in seconds, loads in Erlangs. Methods throw
 * {@link IllegalArgumentException} for non-positive or non-finite inputs and when a ≥ c.
 */
public final class ErlangC {

    private static final int MAX_BISECTIONS = 2200;

    private ErlangC() {
    }

    /** Probability C(c, a) that an arrival waits, for c ≥ 1 servers and load a in [0, c). */
    public static double probabilityOfWaiting(int servers, double offeredLoad) {
        Checks.atLeast("number of servers c", servers, 1);
        Checks.nonNegative("offered load a", offeredLoad);
        if (!(offeredLoad < servers)) {
            throw new IllegalArgumentException("offered load a = " + offeredLoad
                    + " must be below the number of servers c = " + servers
                    + " for a stable M/M/c queue (utilisation rho = " + offeredLoad / servers
                    + ")");
        }
        double b = ErlangB.blocking(servers, offeredLoad);
        return servers * b / ((servers - offeredLoad) + offeredLoad * b);
    }

    /** Probability that an arrival waits in an M/M/c queue with rates λ and μ in 1/s. */
    public static double probabilityOfWaiting(int servers, double lambda, double mu) {
        return probabilityOfWaiting(servers, load(servers, lambda, mu));
    }

    /** Per-server utilisation ρ = λ/(cμ). */
    public static double utilisation(int servers, double lambda, double mu) {
        return load(servers, lambda, mu) / servers;
    }

    /** Mean wait before service Wq = C/(cμ − λ) in seconds. */
    public static double meanWait(int servers, double lambda, double mu) {
        double c = probabilityOfWaiting(servers, lambda, mu);
        return c / (servers * mu - lambda);
    }

    /** Mean response time W = Wq + 1/μ in seconds. */
    public static double meanResponseTime(int servers, double lambda, double mu) {
        return meanWait(servers, lambda, mu) + 1.0 / mu;
    }

    /** Mean number waiting Lq = λ·Wq. */
    public static double meanNumberInQueue(int servers, double lambda, double mu) {
        return lambda * meanWait(servers, lambda, mu);
    }

    /** Mean number in system L = λ·W = Lq + λ/μ. */
    public static double meanNumberInSystem(int servers, double lambda, double mu) {
        return lambda * meanWait(servers, lambda, mu) + lambda / mu;
    }

    /** P(wait &gt; t) = C e^{−(cμ−λ)t} for t ≥ 0 seconds. */
    public static double waitTail(int servers, double lambda, double mu, double t) {
        double c = probabilityOfWaiting(servers, lambda, mu);
        Checks.time("time t", t);
        return c * Math.exp(-(servers * mu - lambda) * t);
    }

    /** The q-quantile of the wait in seconds: max(0, ln(C/(1−q))/(cμ−λ)), q in [0, 1). */
    public static double waitQuantile(int servers, double lambda, double mu, double q) {
        double c = probabilityOfWaiting(servers, lambda, mu);
        Checks.quantileLevel(q);
        double tail = 1 - q;
        return tail >= c ? 0.0 : Math.log(c / tail) / (servers * mu - lambda);
    }

    /**
     * Exact P(response time &gt; t) for t ≥ 0 seconds, including the limit cμ − λ = μ. With
     * m = min(μ, δ), M = max(μ, δ), the hypoexponential tail equals
     * e^{−mt}(1 + m·t·φ((M−m)t)) with φ(x) = (1 − e^{−x})/x, φ(0) = 1, which never cancels.
     */
    public static double responseTimeTail(int servers, double lambda, double mu, double t) {
        double c = probabilityOfWaiting(servers, lambda, mu);
        Checks.time("time t", t);
        return tail(c, mu, servers * mu - lambda, t);
    }

    /** The q-quantile of the response time in seconds, q in [0, 1), solved by bisection. */
    public static double responseTimeQuantile(int servers, double lambda, double mu, double q) {
        double c = probabilityOfWaiting(servers, lambda, mu);
        Checks.quantileLevel(q);
        return quantile(c, mu, servers * mu - lambda, q);
    }

    /**
     * The highest arrival rate λ in 1/s whose response-time q-quantile is at most {@code target}
     * seconds in an M/M/c queue, by bisection on λ in (0, cμ). Returns 0 when even an idle queue
     * misses the target, that is when target ≤ −ln(1−q)/μ. The result is the largest rate found
     * that meets the target, so it errs on the safe side by at most a few ulps.
     */
    public static double maxRateForResponseQuantile(int servers, double mu, double q,
            double target) {
        Checks.atLeast("number of servers c", servers, 1);
        Checks.positive("service rate mu", mu);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile level q must be in (0, 1), was " + q);
        }
        Checks.positive("target response time", target);
        if (target <= -Math.log1p(-q) / mu) {
            return 0.0;
        }
        double lo = 0.0;
        double hi = servers * mu;
        for (int i = 0; i < MAX_BISECTIONS; i++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            double a = mid / mu;
            double delta = servers * mu - mid;
            if (!(delta > 0 && a < servers)) {
                hi = mid;
            } else if (quantile(probabilityOfWaiting(servers, a), mu, delta, q) <= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double load(int servers, double lambda, double mu) {
        Checks.atLeast("number of servers c", servers, 1);
        Checks.positive("arrival rate lambda", lambda);
        Checks.positive("service rate mu", mu);
        double a = lambda / mu;
        if (!(lambda < servers * mu && a < servers)) {
            throw new IllegalArgumentException("utilisation rho = lambda/(c*mu) = "
                    + lambda / (servers * mu) + " must be below 1 for a stable M/M/c queue"
                    + " (lambda = " + lambda + ", mu = " + mu + ", c = " + servers + ")");
        }
        return a;
    }

    /** Tail of T = Wq + S where Wq is 0 w.p. 1−pWait, else Exp(delta), and S is Exp(mu). */
    static double tail(double pWait, double mu, double delta, double t) {
        if (t == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        double small = Math.min(mu, delta);
        double x = (Math.max(mu, delta) - small) * t;
        double phi = x == 0 ? 1.0 : -Math.expm1(-x) / x;
        double e = Math.exp(-small * t);
        double hypo = e == 0 ? 0.0 : e + e * (small * t) * phi;
        return (1 - pWait) * Math.exp(-mu * t) + pWait * hypo;
    }

    /** Smallest t with tail(t) ≤ 1 − q, by bracketing and bisection to adjacent doubles. */
    static double quantile(double pWait, double mu, double delta, double q) {
        if (q == 0) {
            return 0.0;
        }
        double p = 1 - q;
        double hi = 1 / mu + 1 / delta;
        while (tail(pWait, mu, delta, hi) > p) {
            hi *= 2;
        }
        double lo = 0.0;
        for (int i = 0; i < MAX_BISECTIONS; i++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (tail(pWait, mu, delta, mid) > p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
