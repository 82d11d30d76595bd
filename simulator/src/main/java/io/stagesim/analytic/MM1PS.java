package io.stagesim.analytic;

/**
 * Processor-sharing hosts. For one core, the M/G/1-PS queue with Poisson arrivals at rate λ and
 * mean work E[S] has mean response E[S]/(1 − ρ), ρ = λE[S], and a job of size x has conditional
 * mean response x/(1 − ρ); both are insensitive to the work distribution beyond its mean
 * (Kleinrock, <i>Queueing Systems, Volume 2: Computer Applications</i>, ch. 4 on time-sharing;
 * M. Harchol-Balter, <i>Performance Modeling and Design of Computer Systems</i>, 2013).
 *
 * <p>For a host with k cores shared by processor sharing (each of n jobs gets min(1, k/n) of a
 * core), Poisson arrivals and <em>exponential</em> work with mean E[S] = 1/μ, the number in
 * system is the birth–death chain with death rate μ·min(n, k), which is exactly the M/M/k queue
 * length. So L equals the M/M/k L (Erlang C) and, by Little's law, W = L/λ equals the M/M/k mean
 * response C/(kμ − λ) + 1/μ, although individual response times differ from FCFS. This multi-core
 * result holds for exponential work only.
 *
 * <p>Units: λ in 1/s, work and times in seconds. Methods throw {@link IllegalArgumentException}
 * for non-positive or non-finite inputs and when ρ ≥ 1.
 */
public final class MM1PS {

    private MM1PS() {
    }

    /** Utilisation ρ = λ·E[S] of a single-core PS server. */
    public static double utilisation(double lambda, double meanService) {
        Checks.positive("arrival rate lambda", lambda);
        Checks.positive("mean service time", meanService);
        return Checks.stable(lambda * meanService, "processor-sharing queue");
    }

    /** Mean response time E[S]/(1 − ρ) in seconds (M/G/1-PS, insensitive). */
    public static double meanResponseTime(double lambda, double meanService) {
        double rho = utilisation(lambda, meanService);
        return meanService / (1 - rho);
    }

    /** Mean response time x/(1 − ρ) in seconds of a job needing x seconds of work. */
    public static double meanResponseTimeForSize(double lambda, double meanService,
            double size) {
        double rho = utilisation(lambda, meanService);
        Checks.nonNegative("job size x", size);
        return size / (1 - rho);
    }

    /** Mean number in system ρ/(1 − ρ) of a single-core PS server. */
    public static double meanNumberInSystem(double lambda, double meanService) {
        double rho = utilisation(lambda, meanService);
        return rho / (1 - rho);
    }

    /** Mean number in system of a k-core PS host with exponential work: the M/M/k L. */
    public static double meanNumberInSystem(int cores, double lambda, double meanService) {
        Checks.positive("mean service time", meanService);
        return ErlangC.meanNumberInSystem(cores, lambda, 1.0 / meanService);
    }

    /** Mean response W = L/λ in seconds of a k-core PS host with exponential work. */
    public static double meanResponseTime(int cores, double lambda, double meanService) {
        return meanNumberInSystem(cores, lambda, meanService) / lambda;
    }
}
