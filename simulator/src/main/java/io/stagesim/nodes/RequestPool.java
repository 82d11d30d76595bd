package io.stagesim.nodes;

import java.util.ArrayList;
import java.util.List;

/** Recycles {@link Request} objects: for speed, a run allocates only as many as are ever in flight. */
public final class RequestPool {

    private final List<Request> free = new ArrayList<>();
    private int created;

    /** A request ready to be reset. */
    Request take() {
        if (free.isEmpty()) {
            created++;
            return new Request();
        }
        return free.remove(free.size() - 1);
    }

    /** Returns a finished request. */
    void give(Request r) {
        free.add(r);
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
