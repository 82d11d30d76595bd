package io.stagesim.bench;

import io.stagesim.engine.Engine;
import io.stagesim.engine.Handler;
import io.stagesim.random.RandomStream;
import io.stagesim.random.StreamFactory;

/**
 * A diagnostic floor for {@link MM1Bench}: the same M/M/1 written directly on stagesim's
 * {@link Engine}, with none of the model layer. Inter-arrival and service times come from
 * {@link RandomStream#nextStandardExponential()} (inversion, like SSJ's {@code ExponentialGen}),
 * waiting customers sit in primitive ring buffers, and the statistics are exactly those of the SSJ
 * peer: count and sum of waiting and response times and the time-average queue length, no
 * windows and no histograms. The difference between this and {@link StagesimMM1} is the cost of
 * stations, open sources, Commons Math sampling and windowed statistics.
 */
public final class EngineMM1 implements Handler {

    private static final int ARRIVAL = 0;
    private static final int DEPARTURE = 1;

    private final Engine engine = new Engine();
    private final RandomStream arrivals;
    private final RandomStream services;
    private final double meanInterArrival = 1e9 / StagesimMM1.ARRIVALS_PER_SECOND;
    private final double meanService = StagesimMM1.MEAN_SERVICE_NS;

    private long[] waitingArrival = new long[1024];
    private long[] waitingService = new long[1024];
    private int head;
    private int waiting;
    private boolean busy;
    private long inServiceSince;

    private long departures;
    private long stopAfter;
    private long waitCount;
    private double waitSum;
    private long responseCount;
    private double responseSum;
    private double queueArea;
    private long lastQueueChange;

    /** A replication with this seed, its first arrival scheduled. */
    public EngineMM1(long seed) {
        StreamFactory streams = new StreamFactory(seed, 0);
        arrivals = streams.stream("arrivals");
        services = streams.stream("service");
        engine.schedule(exponential(arrivals, meanInterArrival), this, null, ARRIVAL);
    }

    /** Runs until {@code customers} have left; returns the events dispatched. */
    public long run(long customers) {
        stopAfter = departures + customers;
        engine.run(Long.MAX_VALUE);
        return engine.eventCount();
    }

    /** Mean response time so far, in nanoseconds. */
    public double meanResponse() {
        return responseSum / responseCount;
    }

    /** Mean waiting time so far, in nanoseconds. */
    public double meanWait() {
        return waitSum / waitCount;
    }

    /** Time-average number waiting so far. */
    public double meanQueueLength() {
        return queueArea / engine.now();
    }

    private static long exponential(RandomStream stream, double mean) {
        return Math.round(mean * stream.nextStandardExponential());
    }

    @Override
    public void handle(Object subject, int tag) {
        long now = engine.now();
        if (tag == ARRIVAL) {
            engine.schedule(exponential(arrivals, meanInterArrival), this, null, ARRIVAL);
            long s = exponential(services, meanService);
            if (!busy) {
                busy = true;
                inServiceSince = now;
                waitCount++;
                engine.schedule(s, this, null, DEPARTURE);
            } else {
                if (waiting == waitingArrival.length) {
                    grow();
                }
                int tail = (head + waiting) & (waitingArrival.length - 1);
                waitingArrival[tail] = now;
                waitingService[tail] = s;
                queueChanged(now, waiting + 1);
            }
        } else {
            departures++;
            responseCount++;
            responseSum += now - inServiceSince;
            if (waiting > 0) {
                long a = waitingArrival[head];
                long s = waitingService[head];
                head = (head + 1) & (waitingArrival.length - 1);
                queueChanged(now, waiting - 1);
                waitCount++;
                waitSum += now - a;
                inServiceSince = a;
                engine.schedule(s, this, null, DEPARTURE);
            } else {
                busy = false;
            }
            if (departures == stopAfter) {
                engine.stop();
            }
        }
    }

    private void queueChanged(long now, int length) {
        queueArea += waiting * (double) (now - lastQueueChange);
        lastQueueChange = now;
        waiting = length;
    }

    private void grow() {
        int n = waitingArrival.length;
        long[] a = new long[2 * n];
        long[] s = new long[2 * n];
        for (int i = 0; i < waiting; i++) {
            a[i] = waitingArrival[(head + i) & (n - 1)];
            s[i] = waitingService[(head + i) & (n - 1)];
        }
        waitingArrival = a;
        waitingService = s;
        head = 0;
    }
}
