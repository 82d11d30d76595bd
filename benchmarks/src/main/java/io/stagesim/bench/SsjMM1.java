package io.stagesim.bench;

import java.util.LinkedList;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Accumulate;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Sim;
import umontreal.ssj.stat.Tally;

/**
 * The same M/M/1 as {@link StagesimMM1} (λ = 0.9/ms, μ = 1/ms; SSJ's clock is in milliseconds) on
 * SSJ 3.3.2's event view: {@link Sim} with its default splay-tree event list, {@link MRG32k3a}
 * streams, {@link ExponentialGen} by inversion, and the statistics a real SSJ run keeps: a
 * {@link Tally} of waiting times, a {@link Tally} of response times and an {@link Accumulate} of the
 * queue length.
 *
 * <p>Two shapes of the same model:
 *
 * <ul>
 *   <li>{@code queueEvShape = true}: the textbook shape of SSJ's QueueEv example, a new
 *       {@code Arrival} and {@code Departure} event and a new customer object for each customer,
 *       waiting customers in a {@code LinkedList};
 *   <li>{@code queueEvShape = false}: tuned, one arrival and one departure event rescheduled over
 *       and over, waiting customers as two primitive ring buffers. SSJ's splay tree still allocates
 *       one entry node per scheduled event.
 * </ul>
 *
 * <p>Each {@link #run} starts SSJ afresh and resets the streams to their starting points, so every
 * run with the same number of customers replays the same sample path.
 */
public final class SsjMM1 {

    /** Arrival rate per millisecond. */
    public static final double LAMBDA = 0.9;
    /** Service rate per millisecond. */
    public static final double MU = 1.0;

    private final boolean queueEvShape;
    // Fixed seeds, so that a model's sample path does not depend on how many MRG32k3a streams were
    // created before it (each new MRG32k3a otherwise starts where the previous one's stream ends).
    private static final long[] ARRIVAL_SEED = {12345, 12345, 12345, 12345, 12345, 12345};
    private static final long[] SERVICE_SEED = {54321, 54321, 54321, 54321, 54321, 54321};

    private final MRG32k3a arrivalStream = seeded(ARRIVAL_SEED);
    private final MRG32k3a serviceStream = seeded(SERVICE_SEED);
    private final ExponentialGen interArrival = new ExponentialGen(arrivalStream, LAMBDA);
    private final ExponentialGen serviceTime = new ExponentialGen(serviceStream, MU);
    private final Tally waits = new Tally("waiting times");
    private final Tally responses = new Tally("response times");
    private final Accumulate queueLength = new Accumulate("queue length");

    private long arrivals;
    private long departures;
    private long stopAfter;
    private double endTime;

    // tuned shape: reused events, primitive FIFO
    private ReusedArrival arrival;
    private ReusedDeparture departure;
    private double[] waitingArrival = new double[1024];
    private double[] waitingService = new double[1024];
    private int head;
    private int waiting;
    private boolean busy;
    private double inServiceSince;

    // QueueEv shape: objects per customer and per event
    private final LinkedList<Customer> waitList = new LinkedList<>();
    private Customer inService;

    /** An M/M/1 model in the given shape. */
    public SsjMM1(boolean queueEvShape) {
        this.queueEvShape = queueEvShape;
    }

    private static MRG32k3a seeded(long[] seed) {
        MRG32k3a stream = new MRG32k3a();
        stream.setSeed(seed.clone());
        return stream;
    }

    /** Simulates from an empty system until {@code customers} have left; returns the events dispatched. */
    public long run(long customers) {
        Sim.init();
        arrivalStream.resetStartStream();
        serviceStream.resetStartStream();
        waits.init();
        responses.init();
        queueLength.init(0);
        arrivals = 0;
        departures = 0;
        stopAfter = customers;
        head = 0;
        waiting = 0;
        busy = false;
        waitList.clear();
        inService = null;
        if (queueEvShape) {
            new NewArrival().schedule(interArrival.nextDouble());
        } else {
            arrival = new ReusedArrival();
            departure = new ReusedDeparture();
            arrival.schedule(interArrival.nextDouble());
        }
        Sim.start();
        endTime = Sim.time();
        return arrivals + departures;
    }

    /** Simulated time at the end of the last run, in milliseconds. */
    public double endTime() {
        return endTime;
    }

    /** Response times of the last run, in milliseconds. */
    public Tally responses() {
        return responses;
    }

    /** Waiting times of the last run, in milliseconds. */
    public Tally waits() {
        return waits;
    }

    /** Queue length over the last run. */
    public Accumulate queueLength() {
        return queueLength;
    }

    private void departed(double arrivedAt) {
        departures++;
        responses.add(Sim.time() - arrivedAt);
        if (departures == stopAfter) {
            Sim.stop();
        }
    }

    /** Tuned arrival: reschedules itself. */
    private final class ReusedArrival extends Event {
        @Override
        public void actions() {
            arrivals++;
            schedule(interArrival.nextDouble());
            double now = Sim.time();
            double s = serviceTime.nextDouble();
            if (!busy) {
                busy = true;
                inServiceSince = now;
                waits.add(0);
                departure.schedule(s);
            } else {
                if (waiting == waitingArrival.length) {
                    grow();
                }
                int tail = (head + waiting) & (waitingArrival.length - 1);
                waitingArrival[tail] = now;
                waitingService[tail] = s;
                waiting++;
                queueLength.update(waiting);
            }
        }
    }

    /** Tuned departure: reschedules itself while customers wait. */
    private final class ReusedDeparture extends Event {
        @Override
        public void actions() {
            departed(inServiceSince);
            if (waiting > 0) {
                double a = waitingArrival[head];
                double s = waitingService[head];
                head = (head + 1) & (waitingArrival.length - 1);
                waiting--;
                queueLength.update(waiting);
                waits.add(Sim.time() - a);
                inServiceSince = a;
                schedule(s);
            } else {
                busy = false;
            }
        }
    }

    private void grow() {
        int n = waitingArrival.length;
        double[] a = new double[2 * n];
        double[] s = new double[2 * n];
        for (int i = 0; i < waiting; i++) {
            a[i] = waitingArrival[(head + i) & (n - 1)];
            s[i] = waitingService[(head + i) & (n - 1)];
        }
        waitingArrival = a;
        waitingService = s;
        head = 0;
    }

    /** A customer of the QueueEv shape. */
    private static final class Customer {
        final double arrivedAt;
        final double service;

        Customer(double arrivedAt, double service) {
            this.arrivedAt = arrivedAt;
            this.service = service;
        }
    }

    /** QueueEv-shape arrival: schedules a new arrival event and creates a customer. */
    private final class NewArrival extends Event {
        @Override
        public void actions() {
            arrivals++;
            new NewArrival().schedule(interArrival.nextDouble());
            Customer c = new Customer(Sim.time(), serviceTime.nextDouble());
            if (inService == null) {
                inService = c;
                waits.add(0);
                new NewDeparture().schedule(c.service);
            } else {
                waitList.addLast(c);
                queueLength.update(waitList.size());
            }
        }
    }

    /** QueueEv-shape departure: starts the next customer with a new departure event. */
    private final class NewDeparture extends Event {
        @Override
        public void actions() {
            departed(inService.arrivedAt);
            Customer next = waitList.pollFirst();
            inService = next;
            if (next != null) {
                queueLength.update(waitList.size());
                waits.add(Sim.time() - next.arrivedAt);
                new NewDeparture().schedule(next.service);
            }
        }
    }
}
