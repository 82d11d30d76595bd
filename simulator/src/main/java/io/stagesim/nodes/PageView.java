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
     * Per origin {@code o} ({@link ClientConnections#index()}), four ints from {@code 4 o}: the connections
     * open for it, its requests there now, whether it holds a TLS session its later connections can resume
     * (1) or not (0), and the round trips of the request that last opened a connection there; two longs
     * from {@code 2 o}: when it last used a connection there and when it last opened one (ns, −1: not yet).
     * Two arrays, not six, for memory: a page view in flight is held by the hundred thousand
     * (SmallHeapTest).
     */
    final int[] ints;
    final long[] longs;
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
        ints = new int[4 * origins];
        longs = new long[2 * origins];
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
                    ints[4 * r.origin + 1]++;
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
                    ints[4 * r.origin + 1]--;
                }
                return i;
            }
        }
        throw new IllegalStateException("request not in its page view");
    }
}
