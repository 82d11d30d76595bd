package io.stagesim.nodes;

import java.util.ArrayList;
import java.util.List;

/** Recycles {@link Request} objects: for speed, a run allocates only as many as are ever in flight. */
public final class RequestPool {

    private final List<Request> free = new ArrayList<>();
    private final List<Request> all = new ArrayList<>();
    private int created;
    private int limit = Integer.MAX_VALUE;
    private Runnable overLimit;

    /**
     * Calls {@code action} whenever a request is taken while more than {@code limit} are in flight
     * (each time, until the run stops): the in-flight limit checked where it can be crossed.
     */
    public void limit(int limit, Runnable action) {
        this.limit = limit;
        this.overLimit = action;
    }

    /** A request ready to be reset. */
    Request take() {
        Request r;
        if (free.isEmpty()) {
            created++;
            r = new Request();
            all.add(r);
        } else {
            r = free.remove(free.size() - 1);
        }
        r.inUse = true;
        r.pool = this;
        if (created - free.size() > limit) {
            overLimit.run();
        }
        return r;
    }

    /** Returns a finished request. */
    void give(Request r) {
        r.inUse = false;
        free.add(r);
    }

    /** The requests in flight now, as a new list (for a crash, which must visit them all). */
    public List<Request> inFlightRequests() {
        List<Request> out = new ArrayList<>();
        for (Request r : all) {
            if (r.inUse) {
                out.add(r);
            }
        }
        return out;
    }

    /** Requests in flight now with work at {@code node} (a frame of theirs is on it). */
    public int inFlightAt(Node node) {
        int n = 0;
        for (Request r : all) {
            if (r.inUse && r.frameOf(node) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Frames on {@code node} now, over every request in flight (for conservation checks, not the hot path). */
    public int framesAt(Node node) {
        int n = 0;
        for (Request r : all) {
            if (r.inUse) {
                n += r.framesOf(node);
            }
        }
        return n;
    }

    /** Requests in flight now (taken and not yet given back). */
    public int inFlight() {
        return created - free.size();
    }

    /** Requests ever created: the most that were in flight at once. */
    public int created() {
        return created;
    }
}
