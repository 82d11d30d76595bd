package io.stagesim.verify;

import io.stagesim.analytic.ErlangB;
import io.stagesim.analytic.ErlangC;
import io.stagesim.analytic.JacksonNetwork;
import io.stagesim.analytic.MG1;
import io.stagesim.analytic.MM1;
import io.stagesim.analytic.MM1PS;
import io.stagesim.analytic.MMcK;
import io.stagesim.analytic.Mva;
import io.stagesim.analytic.MvaResult;
import io.stagesim.model.FcfsStation;
import io.stagesim.model.Pool;
import io.stagesim.random.Constant;
import io.stagesim.random.Exponential;
import io.stagesim.random.Lognormal;
import java.util.List;

/**
 * The textbook models stagesim must reproduce, each with its exact answer: M/M/1 at two loads,
 * M/M/c (Erlang C), M/D/1 and M/G/1 (Pollaczek–Khinchine), M/M/c/K and Erlang B, processor
 * sharing on one and four cores, a pool held across a nested station, an open tandem (Jackson)
 * network and a closed network with think time (exact MVA). Rates are per second, times in
 * seconds on the analytic side; the simulation runs in nanoseconds.
 */
public final class TheoryCases {

    private static final double MS = 1e-3;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private TheoryCases() {
    }

    /** Every case, in the order they are reported. */
    public static List<TheoryCase> all() {
        return List.of(mm1(0.5), mm1(0.9), mmc(), md1(), mg1Lognormal(), mmck(), erlangB(), ps1(), ps4(),
                nestedPool(), tandem(), closedMva());
    }

    private static double seconds(double nanos) {
        return nanos / 1e9;
    }

    /** M/M/1 with 1 ms mean service at utilisation rho. */
    static TheoryCase mm1(double rho) {
        double mu = 1000;
        double lambda = rho * mu;
        long t = 1L << 21; // 2.097 ms: a histogram bucket boundary, so the tail is counted exactly
        double tSec = t / 1e9;
        long end = rho < 0.8 ? 200 * S : 800 * S;
        return new TheoryCase("mm1-rho-" + rho, "M/M/1, rho = " + rho + ", mean service 1 ms",
                rho < 0.8 ? 20 : 30, 20 * S, end,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.serve("server", 1, FcfsStation.UNBOUNDED, new Exponential(NS_PER_MS));
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("mean response time W (s)", MM1.meanResponseTime(lambda, mu),
                                r -> seconds(r.station("server").response().mean()), 0.04),
                        new Expectation("mean number in system L", MM1.meanNumberInSystem(lambda, mu),
                                r -> r.station("server").meanInside(), 0.04),
                        new Expectation("P(wait >= 2.097 ms)", MM1.waitTail(lambda, mu, tSec),
                                r -> r.station("server").waiting().histogram().fractionAtLeast(t), 0.05)));
    }

    /** M/M/4 (Erlang C) at utilisation 0.8. */
    static TheoryCase mmc() {
        int c = 4;
        double mu = 1000;
        double lambda = 3200;
        long t = 1L << 20; // 1.049 ms
        return new TheoryCase("mmc-4", "M/M/4 (Erlang C), rho = 0.8, mean service 1 ms", 20, 10 * S, 200 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.serve("servers", c, FcfsStation.UNBOUNDED, new Exponential(NS_PER_MS));
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("P(wait > 0) (Erlang C)", ErlangC.probabilityOfWaiting(c, lambda, mu),
                                r -> r.station("servers").waiting().histogram().fractionAtLeast(1), 0.03),
                        new Expectation("mean wait Wq (s)", ErlangC.meanWait(c, lambda, mu),
                                r -> seconds(r.station("servers").waiting().mean()), 0.05),
                        new Expectation("P(wait >= 1.049 ms)", ErlangC.waitTail(c, lambda, mu, t / 1e9),
                                r -> r.station("servers").waiting().histogram().fractionAtLeast(t), 0.08),
                        new Expectation("mean response time W (s)", ErlangC.meanResponseTime(c, lambda, mu),
                                r -> seconds(r.station("servers").response().mean()), 0.02)));
    }

    /** M/D/1 at utilisation 0.8: Pollaczek–Khinchine with SCV 0. */
    static TheoryCase md1() {
        double lambda = 800;
        return new TheoryCase("md1", "M/D/1, rho = 0.8, service exactly 1 ms", 20, 10 * S, 200 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.serve("server", 1, FcfsStation.UNBOUNDED, new Constant(NS_PER_MS));
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("mean wait Wq (s) (P-K)", MG1.meanWait(lambda, MS, 0),
                        r -> seconds(r.station("server").waiting().mean()), 0.04)));
    }

    /** M/G/1 with lognormal service (mean 1 ms, CV 2) at utilisation 0.7. */
    static TheoryCase mg1Lognormal() {
        double lambda = 700;
        Lognormal service = Lognormal.ofMeanCv(NS_PER_MS, 2);
        return new TheoryCase("mg1-lognormal", "M/G/1, lognormal service mean 1 ms, CV 2, rho = 0.7", 30,
                10 * S, 400 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.serve("server", 1, FcfsStation.UNBOUNDED, service);
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("mean wait Wq (s) (P-K)", MG1.meanWait(lambda, MS, service.scv()),
                        r -> seconds(r.station("server").waiting().mean()), 0.06)));
    }

    /** M/M/2/5: two servers, three waiting places, offered load 2.5. */
    static TheoryCase mmck() {
        int c = 2;
        int k = 5;
        double lambda = 2500;
        double mu = 1000;
        return new TheoryCase("mmck-2-5", "M/M/2/5, offered load 2.5 (overloaded, kept finite by blocking)",
                20, 5 * S, 100 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.serve("servers", c, k - c, new Exponential(NS_PER_MS));
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("blocking probability", MMcK.blockingProbability(c, k, lambda, mu),
                                r -> r.station("servers").rejections()
                                        / (double) r.station("servers").arrivals(), 0.02),
                        new Expectation("mean number in system L", MMcK.meanNumberInSystem(c, k, lambda, mu),
                                r -> r.station("servers").meanInside(), 0.02)));
    }

    /** M/M/3/3: Erlang's loss system. */
    static TheoryCase erlangB() {
        int c = 3;
        double lambda = 2000;
        double mu = 1000;
        return new TheoryCase("erlang-b-3", "M/M/3/3 (Erlang B), offered load 2", 20, 5 * S, 100 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.serve("servers", c, 0, new Exponential(NS_PER_MS));
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("blocking probability (Erlang B)", ErlangB.blocking(c, lambda / mu),
                        r -> r.station("servers").rejections() / (double) r.station("servers").arrivals(),
                        0.02)));
    }

    /** M/M/1-PS: one core shared by processor sharing at utilisation 0.8. */
    static TheoryCase ps1() {
        double lambda = 800;
        return new TheoryCase("mm1-ps", "M/M/1 processor sharing, rho = 0.8, mean work 1 ms", 20, 10 * S,
                300 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.execute("cpu", 1, new Exponential(NS_PER_MS));
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("mean response time (s)", MM1PS.meanResponseTime(lambda, MS),
                        r -> seconds(r.station("cpu").response().mean()), 0.04)));
    }

    /** A 4-core processor-sharing host: the number present is that of an M/M/4 queue. */
    static TheoryCase ps4() {
        int cores = 4;
        double lambda = 800;
        double work = 4 * MS;
        return new TheoryCase("ps-4-cores", "4-core processor-sharing host, rho = 0.8, mean work 4 ms", 20,
                10 * S, 200 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.execute("cpu", cores, new Exponential(4 * NS_PER_MS));
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("mean response time (s)", MM1PS.meanResponseTime(cores, lambda, work),
                                r -> seconds(r.station("cpu").response().mean()), 0.03),
                        new Expectation("CPU utilisation", lambda * work / cores,
                                r -> r.station("cpu").utilization(), 0.01)));
    }

    /**
     * A pool of 2 connections held across a single-server station. Together they form one FCFS
     * M/M/1 queue, so with N its number present the connections in use are min(N, 2), whose mean
     * is rho + rho², and the holding time (which includes the wait at the nested station) is that
     * divided by lambda.
     */
    static TheoryCase nestedPool() {
        double lambda = 800;
        double mu = 1000;
        double rho = lambda / mu;
        return new TheoryCase("pool-nested", "pool of 2 held across an M/M/1 station, rho = 0.8", 20, 10 * S,
                300 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    Pool p = n.acquire("connections", 2);
                    n.serve("db", 1, FcfsStation.UNBOUNDED, new Exponential(NS_PER_MS));
                    n.release(p);
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("mean connections in use", rho + rho * rho,
                                r -> r.pool("connections").meanInUse(), 0.02),
                        new Expectation("mean holding time (s), nested wait included", (rho + rho * rho) / lambda,
                                r -> r.pool("connections").meanInUse()
                                        / (r.pool("connections").grants() / r.seconds()), 0.02),
                        new Expectation("end-to-end response time (s) = M/M/1", MM1.meanResponseTime(lambda, mu),
                                r -> seconds(r.endToEnd().mean()), 0.04)));
    }

    /** Three M/M/1 stations in series (a Jackson network): response times add up. */
    static TheoryCase tandem() {
        double lambda = 800;
        double[] mu = {1000, 1250, 2000};
        return new TheoryCase("jackson-tandem", "open tandem of 3 M/M/1 stations, rho = 0.8, 0.64, 0.4", 20,
                10 * S, 200 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    for (int i = 0; i < mu.length; i++) {
                        n.serve("s" + (i + 1), 1, FcfsStation.UNBOUNDED, new Exponential(1e9 / mu[i]));
                    }
                    n.open(lambda);
                    return n;
                },
                List.of(new Expectation("end-to-end response time (s)", JacksonNetwork.tandem(lambda, List.of(
                                new JacksonNetwork.Station(1, mu[0], false), new JacksonNetwork.Station(1, mu[1], false),
                                new JacksonNetwork.Station(1, mu[2], false))).meanResponseTime(),
                                r -> seconds(r.endToEnd().mean()), 0.03),
                        new Expectation("mean number at s2", MM1.meanNumberInSystem(lambda, mu[1]),
                                r -> r.station("s2").meanInside(), 0.03)));
    }

    /** A closed network: 20 users thinking 50 ms, two FCFS stations of 2 ms and 3 ms (exact MVA). */
    static TheoryCase closedMva() {
        int users = 20;
        double think = 50 * MS;
        double[] demands = {2 * MS, 3 * MS};
        MvaResult mva = Mva.solve(demands, think, users);
        return new TheoryCase("closed-mva", "closed network, 20 users, think 50 ms, demands 2 ms and 3 ms", 20,
                5 * S, 100 * S,
                (seed, rep) -> {
                    RouteNetwork n = new RouteNetwork(seed, rep);
                    n.serve("a", 1, FcfsStation.UNBOUNDED, new Exponential(2 * NS_PER_MS));
                    n.serve("b", 1, FcfsStation.UNBOUNDED, new Exponential(3 * NS_PER_MS));
                    n.closed(users, new Exponential(50 * NS_PER_MS));
                    return n;
                },
                List.of(new Expectation("throughput X (1/s) (MVA)", mva.throughput(users),
                                r -> r.station("b").throughput(), 0.01),
                        new Expectation("response time R (s) (MVA)", mva.responseTime(users),
                                r -> seconds(r.endToEnd().mean()), 0.02),
                        new Expectation("mean queue at b (MVA)", mva.queueLength(users, 1),
                                r -> r.station("b").meanInside(), 0.02)));
    }
}
