package io.stagesim.analytic;

/**
 * The M/M/1 FCFS queue: Poisson arrivals at rate λ, exponential service at rate μ, one server.
 *
 * <p>Formulas from L. Kleinrock, <i>Queueing Systems, Volume 1: Theory</i> (Wiley, 1975), ch. 3
 * (M/M/1 in equilibrium) and ch. 5 (response and waiting time distributions), and D. Gross,
 * J. F. Shortle, J. M. Thompson and C. M. Harris, <i>Fundamentals of Queueing Theory</i>, ch. 2.
 * With ρ = λ/μ &lt; 1: L = ρ/(1−ρ), W = 1/(μ−λ), Wq = ρ/(μ−λ), P(T &gt; t) = e^{−(μ−λ)t},
 * P(Wq &gt; t) = ρ e^{−(μ−λ)t}.
 *
 * <p>Units: rates λ and μ in 1/s, times in seconds. Every method throws
 * {@link IllegalArgumentException} when λ or μ is not positive and finite or when ρ ≥ 1.
 */
public final class MM1 {

    private MM1() {
    }

    /** Server utilisation ρ = λ/μ (dimensionless), λ and μ in 1/s. */
    public static double utilisation(double lambda, double mu) {
        Checks.positive("arrival rate lambda", lambda);
        Checks.positive("service rate mu", mu);
        return Checks.stable(lambda / mu, "M/M/1 queue");
    }

    /** Mean number in system L = ρ/(1−ρ) = λ/(μ−λ). */
    public static double meanNumberInSystem(double lambda, double mu) {
        utilisation(lambda, mu);
        return lambda / (mu - lambda);
    }

    /** Mean number waiting (not in service) Lq = ρ²/(1−ρ). */
    public static double meanNumberInQueue(double lambda, double mu) {
        double rho = utilisation(lambda, mu);
        return rho * lambda / (mu - lambda);
    }

    /** Mean response (sojourn) time W = 1/(μ−λ) in seconds. */
    public static double meanResponseTime(double lambda, double mu) {
        utilisation(lambda, mu);
        return 1.0 / (mu - lambda);
    }

    /** Mean waiting time before service Wq = ρ/(μ−λ) in seconds. */
    public static double meanWait(double lambda, double mu) {
        double rho = utilisation(lambda, mu);
        return rho / (mu - lambda);
    }

    /** P(response time &gt; t) = e^{−(μ−λ)t} for t ≥ 0 seconds. */
    public static double responseTimeTail(double lambda, double mu, double t) {
        utilisation(lambda, mu);
        Checks.time("time t", t);
        return Math.exp(-(mu - lambda) * t);
    }

    /** P(wait &gt; t) = ρ e^{−(μ−λ)t} for t ≥ 0 seconds. */
    public static double waitTail(double lambda, double mu, double t) {
        double rho = utilisation(lambda, mu);
        Checks.time("time t", t);
        return rho * Math.exp(-(mu - lambda) * t);
    }

    /** The q-quantile of the response time, −ln(1−q)/(μ−λ) seconds, for q in [0, 1). */
    public static double responseTimeQuantile(double lambda, double mu, double q) {
        utilisation(lambda, mu);
        Checks.quantileLevel(q);
        return -Math.log1p(-q) / (mu - lambda);
    }

    /** The q-quantile of the wait, max(0, ln(ρ/(1−q))/(μ−λ)) seconds, for q in [0, 1). */
    public static double waitQuantile(double lambda, double mu, double q) {
        double rho = utilisation(lambda, mu);
        Checks.quantileLevel(q);
        double tail = 1 - q;
        return tail >= rho ? 0.0 : Math.log(rho / tail) / (mu - lambda);
    }
}
