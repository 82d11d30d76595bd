package io.stagesim.nodes;

/**
 * A step of a request's journey that can be called: a service, a network hop, a call site in a
 * view. A call pushes a frame on the request and calls {@link #start}; each operation the node
 * then starts (CPU, a pool, a nested call) ends in {@link #step}, where the node reads its frame's
 * phase and goes on, until it returns with {@link Request#ret}.
 */
public abstract class Node {

    /** The node's name, as in results and traces. */
    protected final String name;
    /** The host it runs on, or null outside our hosts. */
    private HostState host;
    /** Down on its own (a database failing over), whatever its host. */
    private boolean down;
    private ErrorKind downError = ErrorKind.HOST_DOWN;
    private Runnable[] downWatchers = new Runnable[0]; // told when the node goes down or comes back on its own
    /** Multiplies every demand made here (a slow dependency fault); 1 normally. */
    private double slowdown = 1;
    /** The counter of the CPU its service's work asks for, in µs at reference speed; null: not counted. */
    public static final String CPU_US = "cpu_us";
    private io.stagesim.stats.CountRecorder cpuAccount;
    private long cpuRemainder; // ns not yet a whole µs in the account
    /** Frames pushed for this node since time zero (requests that came in). */
    long entered;
    /** Frames of this node popped since time zero (requests that went out, done or failed). */
    long left;

    /** A node named {@code name}. */
    protected Node(String name) {
        this.name = name;
    }

    /**
     * Counts in {@code account} the CPU this service's work asks for (µs at reference speed): its
     * own steps, and those of the calls it makes that run on its CPU (opening a database
     * connection, enqueueing a task).
     */
    public void accountCpu(io.stagesim.stats.CountRecorder account) {
        this.cpuAccount = account;
    }

    /** Counts {@code work} ns of CPU here if this node keeps an account; false when it keeps none. */
    boolean chargeCpu(long work) {
        if (cpuAccount == null) {
            return false;
        }
        long total = cpuRemainder + work;
        cpuAccount.add(total / 1000);
        cpuRemainder = total % 1000;
        return true;
    }

    /** Multiplies every CPU and disk demand made at this node by {@code factor} from now on. */
    public void setSlowdown(double factor) {
        this.slowdown = factor;
    }

    /** A demand, scaled by the current slowdown. */
    protected final long scaled(long work) {
        return slowdown == 1 ? work : Math.round(work * slowdown);
    }

    /** Places the node on a host. */
    public void onHost(HostState state) {
        this.host = state;
    }

    /** The host it runs on, or null. */
    public HostState host() {
        return host;
    }

    /** True when the node's host hangs. */
    public boolean isHung() {
        return host != null && host.isHung();
    }

    /** True when the node's host is gone: nothing it is sent is answered, not even refused. */
    public boolean isBlackholed() {
        return host != null && host.isBlackholed();
    }

    /** True when the node is down, or its host is. */
    public boolean isDown() {
        return down || host != null && host.isDown();
    }

    /** Takes the node down on its own (connections refused) or brings it back: its machine is gone. */
    public void setDown(boolean down) {
        setDown(down, ErrorKind.HOST_DOWN);
    }

    /**
     * Takes the node down on its own or brings it back; {@code why} is what its callers are told while
     * it is down and its host is up ({@link ErrorKind#SERVICE_DOWN} for a process that stopped on a
     * machine still running).
     */
    public void setDown(boolean down, ErrorKind why) {
        boolean changed = this.down != down;
        this.down = down;
        this.downError = why;
        if (changed) {
            for (Runnable w : downWatchers) {
                w.run();
            }
        }
    }

    /** True when the node itself is down (a failover, a stopped process), whatever its host. */
    public boolean downOnItsOwn() {
        return down;
    }

    /** {@code watcher} is run each time the node itself goes down or comes back (a failover, say). */
    public void watchDown(Runnable watcher) {
        downWatchers = java.util.Arrays.copyOf(downWatchers, downWatchers.length + 1);
        downWatchers[downWatchers.length - 1] = watcher;
    }

    /** Why a call to this node fails now: its host is down, or the node itself. */
    public ErrorKind downError() {
        return host != null && host.isDown() ? ErrorKind.HOST_DOWN : downError;
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /**
     * Requests that came in since time zero. Conservation: this equals {@link #requestsOut()} plus
     * the frames still on the node ({@link RequestPool#framesAt}).
     */
    public long requestsIn() {
        return entered;
    }

    /** Requests that went out (returned, done or failed) since time zero. */
    public long requestsOut() {
        return left;
    }

    /** A frame for this node was pushed on {@code r}: begin. */
    protected abstract void start(Request r);

    /** An operation this node started for {@code r} ended with {@code outcome}. */
    protected abstract void step(Request r, int outcome);

    @Override
    public String toString() {
        return name;
    }
}
