package io.stagesim.model;

/**
 * A multi-server first-come-first-served station (the ·/·/c/K queue): {@code servers} identical
 * servers and a waiting room of {@code waitingRoom} places (or unbounded); an arrival that finds
 * every server busy and the waiting room full is rejected.
 */
public final class FcfsStation extends Station {

    /** Waiting room size meaning "unbounded". */
    public static final int UNBOUNDED = -1;

    private final int servers;
    private final int waitingRoom;
    private final JobQueue queue = new JobQueue();
    private int busyServers;

    /** A station with {@code servers} servers and a waiting room of {@code waitingRoom} places. */
    public FcfsStation(Simulation sim, String name, int servers, int waitingRoom) {
        super(sim, name);
        if (servers < 1) {
            throw new IllegalArgumentException(name + ": servers must be >= 1, was " + servers);
        }
        if (waitingRoom < UNBOUNDED) {
            throw new IllegalArgumentException(
                    name + ": waiting room must be >= 0 or unbounded, was " + waitingRoom);
        }
        this.servers = servers;
        this.waitingRoom = waitingRoom;
    }

    /** A station with an unbounded waiting room. */
    public FcfsStation(Simulation sim, String name, int servers) {
        this(sim, name, servers, UNBOUNDED);
    }

    @Override
    public int servers() {
        return servers;
    }

    /** Jobs waiting for a server now. */
    public int queueLength() {
        return queue.size();
    }

    /** Serves {@code job} for {@code serviceTime} ns once a server is free, or rejects it. */
    public void arrive(Job job, long serviceTime) {
        long now = engine.now();
        if (busyServers < servers) {
            enter(now);
            job.enteredAt = now;
            busyServers++;
            busy.set(now, busyServers);
            waiting.record(0);
            engine.schedule(serviceTime, this, job, 0);
        } else if (waitingRoom == UNBOUNDED || queue.size() < waitingRoom) {
            enter(now);
            job.enteredAt = now;
            job.demand = serviceTime;
            queue.addLast(job);
        } else {
            reject();
            job.resume(Outcome.REJECTED);
        }
    }

    @Override
    public void handle(Object subject, int tag) {
        Job job = (Job) subject;
        long now = engine.now();
        leave(now, now - job.enteredAt);
        Job next = queue.pollFirst();
        if (next != null) {
            waiting.record(now - next.enteredAt);
            engine.schedule(next.demand, this, next, 0);
        } else {
            busyServers--;
            busy.set(now, busyServers);
        }
        job.resume(Outcome.OK);
    }

    @Override
    public String toString() {
        return name;
    }
}
