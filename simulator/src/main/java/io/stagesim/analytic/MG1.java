package io.stagesim.analytic;

/**
 * The M/G/1 FCFS queue via the Pollaczek–Khinchine mean-value formula: Poisson arrivals at rate
 * λ, independent general service times S with mean E[S] and squared coefficient of variation
 * SCV = Var[S]/E[S]², one server, ρ = λE[S] &lt; 1.
 *
 * <p>Wq = λE[S²]/(2(1 − ρ)) = ρ(1 + SCV)E[S]/(2(1 − ρ)), W = Wq + E[S], L = λW, Lq = λWq
 * (Kleinrock, <i>Queueing Systems</i> vol. 1, ch. 5; Gross &amp; Harris, <i>Fundamentals of
 * Queueing Theory</i>, the M/G/1 chapter). SCV = 1 gives M/M/1 and SCV = 0 gives M/D/1.
 *
 * <p>Units: λ in 1/s, E[S] in seconds, E[S²] in s², results in seconds or dimensionless counts.
 * Methods throw {@link IllegalArgumentException} for non-positive or non-finite inputs, for a
 * negative SCV or E[S²] &lt; E[S]², and when ρ ≥ 1.
 */
public final class MG1 {

    private MG1() {
    }

    /** Utilisation ρ = λ·E[S] (dimensionless); λ in 1/s, E[S] in seconds. */
    public static double utilisation(double lambda, double meanService) {
        Checks.positive("arrival rate lambda", lambda);
        Checks.positive("mean service time", meanService);
        return Checks.stable(lambda * meanService, "M/G/1 queue");
    }

    /** Pollaczek–Khinchine mean wait Wq = ρ(1 + SCV)E[S]/(2(1 − ρ)) in seconds. */
    public static double meanWait(double lambda, double meanService, double scv) {
        double rho = utilisation(lambda, meanService);
        Checks.nonNegative("squared coefficient of variation scv", scv);
        return rho * (1 + scv) * meanService / (2 * (1 - rho));
    }

    /** Pollaczek–Khinchine mean wait Wq = λE[S²]/(2(1 − ρ)) from the second moment in s². */
    public static double meanWaitFromSecondMoment(double lambda, double meanService,
            double secondMoment) {
        double rho = utilisation(lambda, meanService);
        Checks.positive("second moment of service time", secondMoment);
        if (secondMoment < meanService * meanService) {
            throw new IllegalArgumentException("second moment of service time " + secondMoment
                    + " must be at least the squared mean " + meanService * meanService);
        }
        return lambda * secondMoment / (2 * (1 - rho));
    }

    /** Mean response time W = Wq + E[S] in seconds. */
    public static double meanResponseTime(double lambda, double meanService, double scv) {
        return meanWait(lambda, meanService, scv) + meanService;
    }

    /** Mean number waiting Lq = λ·Wq. */
    public static double meanNumberInQueue(double lambda, double meanService, double scv) {
        return lambda * meanWait(lambda, meanService, scv);
    }

    /** Mean number in system L = λ·W = Lq + ρ. */
    public static double meanNumberInSystem(double lambda, double meanService, double scv) {
        return lambda * meanWait(lambda, meanService, scv) + lambda * meanService;
    }

    /** M/D/1 mean wait ρD/(2(1 − ρ)) in seconds for constant service time D (SCV = 0). */
    public static double meanWaitDeterministic(double lambda, double serviceTime) {
        return meanWait(lambda, serviceTime, 0.0);
    }

    /** M/D/1 mean response time D + ρD/(2(1 − ρ)) in seconds for constant service time D. */
    public static double meanResponseTimeDeterministic(double lambda, double serviceTime) {
        return meanResponseTime(lambda, serviceTime, 0.0);
    }
}
