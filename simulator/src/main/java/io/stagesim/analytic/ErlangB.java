package io.stagesim.analytic;

/**
 * The Erlang B (loss) formula for the M/M/c/c queue (and, by insensitivity, M/G/c/c): the
 * probability that an arrival finds all c servers busy and is lost, for offered load a = λ/μ in
 * Erlangs (λ in 1/s, μ in 1/s, so a is dimensionless).
 *
 * <p>Computed by the recursion B(0, a) = 1, B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)) (Gross
 * &amp; Harris, <i>Fundamentals of Queueing Theory</i>, ch. 2, the Erlang loss formula;
 * Kleinrock, <i>Queueing Systems</i> vol. 1, ch. 3, M/M/m/m). Every step maps [0, 1] into [0, 1]
 * with bounded relative error, so it is stable for c in the tens of thousands and for any finite
 * load, unlike the direct a^c/c! / Σ a^k/k!.
 */
public final class ErlangB {

    private ErlangB() {
    }

    /** Blocking probability B(c, a) for c ≥ 0 servers and offered load a ≥ 0 Erlangs. */
    public static double blocking(int servers, double offeredLoad) {
        Checks.atLeast("number of servers c", servers, 0);
        Checks.nonNegative("offered load a", offeredLoad);
        double b = 1.0;
        for (int k = 1; k <= servers; k++) {
            double ab = offeredLoad * b;
            b = ab / (k + ab);
        }
        return b;
    }

    /** Blocking probability of an M/M/c/c queue with arrival rate λ and service rate μ, in 1/s. */
    public static double blocking(int servers, double lambda, double mu) {
        Checks.positive("arrival rate lambda", lambda);
        Checks.positive("service rate mu", mu);
        return blocking(servers, lambda / mu);
    }

    /** Carried load a(1 − B(c, a)) in Erlangs: the mean number of busy servers. */
    public static double carriedLoad(int servers, double offeredLoad) {
        return offeredLoad * (1 - blocking(servers, offeredLoad));
    }

    /** The fewest servers c ≥ 0 with B(c, a) ≤ target blocking, for target in (0, 1]. */
    public static int serversForBlocking(double offeredLoad, double targetBlocking) {
        Checks.nonNegative("offered load a", offeredLoad);
        if (!(targetBlocking > 0 && targetBlocking <= 1)) {
            throw new IllegalArgumentException(
                    "target blocking probability must be in (0, 1], was " + targetBlocking);
        }
        double b = 1.0;
        int k = 0;
        while (b > targetBlocking) {
            if (k == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("no server count reaches blocking "
                        + targetBlocking + " for offered load " + offeredLoad);
            }
            k++;
            double ab = offeredLoad * b;
            b = ab / (k + ab);
        }
        return k;
    }
}
