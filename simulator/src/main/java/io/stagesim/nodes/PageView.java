package io.stagesim.nodes;

/** One page view in progress: its HTML request, then its static assets over a few connections. */
final class PageView {
    int requestClass;
    /** The kind of client it comes from (its links' bandwidths and round trip). */
    int client;
    int user = -1;
    long start;
    int assetsToStart;
    /** Of {@link #assetsToStart}, those to send as conditional requests (the browser cache's 304s), first. */
    int revalidationsToStart;
    /** Direct uploads to object storage still to send (0 or 1), before the assets. */
    int uploadsToStart;
    int outstanding;
    /**
     * Per origin ({@link ClientConnections#index()}): the connections open for it, its requests there now,
     * whether it holds a TLS session its later connections can resume, and when it last used a
     * connection there (ns, −1: not yet).
     */
    final int[] connections;
    final int[] originInFlight;
    final boolean[] session;
    final long[] lastUse;
    /** Per origin: when it last opened a connection there (ns, −1: not yet), and that request's round trips. */
    final long[] openedAt;
    final int[] openingTrips;
    boolean failed;
    boolean timedOut;
    boolean closed;
    ErrorKind error;
    long timer = -1;
    /** Client retries: used so far, scheduled and not yet sent, and whether the HTML is among them. */
    int retriesUsed;
    /** Requests sent for it so far, retries included (what a load generator spends CPU on). */
    int sent;
    int pendingRetries;
    boolean htmlPending;
    /** Neighbours in the browsers' list of page views with no outcome yet (for speed: no allocation). */
    PageView prevOpen;
    PageView nextOpen;
    final Request[] inFlight;
    /** The client's attempt timer of the request in each slot of {@link #inFlight}, or −1. */
    final long[] attemptTimer;

    PageView(int maxParallel, int origins) {
        connections = new int[origins];
        originInFlight = new int[origins];
        session = new boolean[origins];
        lastUse = new long[origins];
        openedAt = new long[origins];
        openingTrips = new int[origins];
        inFlight = new Request[maxParallel + 1];
        attemptTimer = new long[maxParallel + 1];
        java.util.Arrays.fill(attemptTimer, -1);
    }

    /** Puts {@code r} in a free slot and returns the slot. */
    int add(Request r) {
        for (int i = 0; i < inFlight.length; i++) {
            if (inFlight[i] == null) {
                inFlight[i] = r;
                outstanding++;
                if (r.origin >= 0) {
                    originInFlight[r.origin]++;
                }
                return i;
            }
        }
        throw new IllegalStateException("page view with more requests in flight than connections");
    }

    void replace(Request old, Request with) {
        for (int i = 0; i < inFlight.length; i++) {
            if (inFlight[i] == old) {
                inFlight[i] = with;
                return;
            }
        }
        throw new IllegalStateException("request not in its page view");
    }

    /** Takes {@code r} out of its slot and returns the slot. */
    int remove(Request r) {
        for (int i = 0; i < inFlight.length; i++) {
            if (inFlight[i] == r) {
                inFlight[i] = null;
                outstanding--;
                if (r.origin >= 0) {
                    originInFlight[r.origin]--;
                }
                return i;
            }
        }
        throw new IllegalStateException("request not in its page view");
    }
}
