package io.stagesim.model;

import java.util.Arrays;

/**
 * A host CPU with {@code cores} cores shared by processor sharing: with n jobs present each
 * progresses at speed · capacity · min(1, cores / n) units of work per nanosecond (Kleinrock's PS,
 * generalised to k servers). Work is in nanoseconds of CPU at reference speed.
 *
 * <p>For speed, it costs O(log n) per event whatever the number of jobs: since all jobs present
 * progress at the same rate, it keeps one virtual clock V of work done per job and orders jobs by
 * their virtual finishing tag V(arrival) + work in a binary heap. Only the earliest tag needs a
 * scheduled departure; arrivals and departures change the rate and reschedule that one event.
 *
 * <p>{@link #setSpeed} and {@link #setCapacity} change the service rate at run time: a slower CPU,
 * or a share of it taken by a noisy neighbour. A burstable host has a {@link CpuCredits} account,
 * told of every change in the number of jobs, which may hold it to a fraction of its cores.
 *
 * <p>A load-dependent CPU ({@link #setDemandScale}) does a job's work in a different time with n
 * jobs present: each unit of work costs scale(n) units of CPU (cache effects, batching), so the
 * rate above is divided by scale(n) — a load-dependent station in the sense of the BCMP theorem.
 */
public final class PsHost extends Station {

    private final int cores;
    private double speed = 1;
    private double capacity = 1;
    private boolean frozen; // a hung machine: no job progresses, whatever the capacity
    private double share; // cores the jobs share: all of them, or fewer while throttled
    private CpuCredits credits; // null unless the host is burstable
    private double[] perScale; // 1 / scale(n) at n = 1, 2, …, the last for every larger n; null: 1

    private Job[] heap = new Job[16];
    private int n;
    private double virtualTime;
    private long lastUpdate;
    private double rate; // work per ns received by each job now
    private long departure = -1;
    private boolean resuming;
    private boolean down;

    /** A host with {@code cores} cores at reference speed. */
    public PsHost(Simulation sim, String name, int cores) {
        super(sim, name);
        if (cores < 1) {
            throw new IllegalArgumentException(name + ": cores must be >= 1, was " + cores);
        }
        this.cores = cores;
        this.share = cores;
    }

    /** Gives the host a CPU credit account, which may throttle it from now on. */
    public void setCredits(CpuCredits credits) {
        credits.attach(this);
        advance(engine.now());
        this.credits = credits;
        share = credits.update(engine.now(), n);
        reschedule();
    }

    /** Its CPU credit account, or null when it is not burstable. */
    public CpuCredits credits() {
        return credits;
    }

    /** Cores its jobs share from now on (called by its credit account when the balance runs out). */
    void throttle(double share) {
        advance(engine.now());
        this.share = share;
        reschedule();
    }

    @Override
    public int servers() {
        return cores;
    }

    /** Jobs running now. */
    public int running() {
        return n;
    }

    /** Relative CPU speed (1 = reference); work takes 1/speed as long. */
    public double speed() {
        return speed;
    }

    /**
     * Makes the work of a job cost {@code scale[n − 1]} times its demand while n jobs are present
     * (the last entry for every larger n), from now on; null or empty for a load-independent CPU.
     */
    public void setDemandScale(double[] scale) {
        double[] inverse = null;
        if (scale != null && scale.length > 0) {
            inverse = new double[scale.length];
            for (int i = 0; i < scale.length; i++) {
                if (!(scale[i] > 0) || Double.isInfinite(scale[i])) {
                    throw new IllegalArgumentException(name + ": demand scale must be > 0, was " + scale[i]);
                }
                inverse[i] = 1 / scale[i];
            }
        }
        advance(engine.now());
        perScale = inverse;
        reschedule();
    }

    /** Sets the relative CPU speed, from now on. */
    public void setSpeed(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(name + ": speed must be > 0, was " + speed);
        }
        advance(engine.now());
        this.speed = speed;
        reschedule();
    }

    /** Fraction of the CPU available to this host's jobs (1 − steal). */
    public double capacity() {
        return capacity;
    }

    /** Sets the fraction of the CPU available, from now on (0 stops all progress). */
    public void setCapacity(double capacity) {
        if (!(capacity >= 0 && capacity <= 1)) {
            throw new IllegalArgumentException(name + ": capacity must be in [0, 1], was " + capacity);
        }
        advance(engine.now());
        this.capacity = capacity;
        reschedule();
    }

    /**
     * Freezes every job where it is (a hung machine) or lets them go on, at the capacity they had:
     * apart from {@link #setCapacity}, so a neighbour's steal that starts or ends during a hang
     * neither wakes the machine nor is forgotten when the hang ends.
     */
    public void setFrozen(boolean frozen) {
        advance(engine.now());
        this.frozen = frozen;
        reschedule();
    }

    /** True while the machine is down. */
    public boolean isDown() {
        return down;
    }

    /**
     * Takes the machine down (every job on it fails at once, with {@link Outcome#FAILED}, and so does
     * any job sent to it until it is up) or brings it back up, empty.
     */
    public void setDown(boolean down) {
        long now = engine.now();
        advance(now);
        this.down = down;
        if (down) {
            while (n > 0) {
                Job job = pop();
                busy.set(now, Math.min(n, cores));
                drop(now);
                job.resume(Outcome.FAILED);
            }
            virtualTime = 0;
            if (credits != null) {
                share = credits.update(now, n);
            }
        }
        reschedule();
    }

    /** Runs {@code work} ns of CPU (at reference speed) for {@code job}, then resumes it. */
    public void execute(Job job, long work) {
        long now = engine.now();
        if (down) {
            enter(now);
            drop(now);
            job.resume(Outcome.FAILED);
            return;
        }
        advance(now);
        enter(now);
        job.enteredAt = now;
        job.demand = work;
        job.finishTag = virtualTime + work;
        push(job);
        busy.set(now, Math.min(n, cores));
        if (credits != null) {
            share = credits.update(now, n);
        }
        if (!resuming) {
            reschedule();
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        long now = engine.now();
        departure = -1;
        advance(now);
        Job job = pop();
        if (n == 0) {
            virtualTime = 0; // rebase while idle, so V never grows large enough to lose precision
        }
        busy.set(now, Math.min(n, cores));
        if (credits != null) {
            share = credits.update(now, n);
        }
        long responseTime = now - job.enteredAt;
        leave(now, responseTime);
        long alone = (long) Math.ceil(job.demand / (perScale == null ? speed : speed * perScale[0]));
        waiting.record(Math.max(0, responseTime - alone));
        resuming = true;
        job.resume(Outcome.OK);
        resuming = false;
        // for speed: one reschedule after the job has gone on, which often brings new work here
        // straight away (execute() skips its own reschedule while resuming)
        reschedule();
    }

    private void advance(long now) {
        virtualTime += rate * (now - lastUpdate);
        lastUpdate = now;
    }

    private void reschedule() {
        rate = n == 0 || frozen ? 0 : speed * capacity * Math.min(1.0, share / n);
        if (perScale != null && n > 0) {
            rate *= perScale[Math.min(n, perScale.length) - 1];
        }
        if (departure >= 0) {
            engine.cancel(departure);
            departure = -1;
        }
        if (n > 0 && rate > 0) {
            double remaining = heap[0].finishTag - virtualTime;
            long delay = remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate);
            departure = engine.schedule(delay, this, null, 0);
        }
    }

    private void push(Job job) {
        if (n == heap.length) {
            heap = Arrays.copyOf(heap, n * 2);
        }
        int i = n++;
        double tag = job.finishTag;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Job p = heap[parent];
            if (p.finishTag <= tag) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = job;
        job.heapIndex = i;
    }

    private Job pop() {
        Job top = heap[0];
        Job last = heap[--n];
        heap[n] = null;
        top.heapIndex = -1;
        if (n > 0) {
            int i = 0;
            double tag = last.finishTag;
            while (true) {
                int child = 2 * i + 1;
                if (child >= n) {
                    break;
                }
                if (child + 1 < n && heap[child + 1].finishTag < heap[child].finishTag) {
                    child++;
                }
                if (heap[child].finishTag >= tag) {
                    break;
                }
                heap[i] = heap[child];
                heap[i].heapIndex = i;
                i = child;
            }
            heap[i] = last;
            last.heapIndex = i;
        }
        return top;
    }

    @Override
    public String toString() {
        return name;
    }
}
