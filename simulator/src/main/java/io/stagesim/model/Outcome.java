package io.stagesim.model;

/** How an operation on a primitive ended, as passed to {@link Job#resume(int)}. */
public final class Outcome {

    /** Served, granted or delayed as asked. */
    public static final int OK = 0;
    /** Turned away at once: waiting room full, or no unit free in reject mode. */
    public static final int REJECTED = 1;
    /** Gave up waiting after the wait limit. */
    public static final int TIMED_OUT = 2;
    /** A nested operation failed (the job says why). */
    public static final int FAILED = 3;

    private Outcome() {
    }

    /** A readable name for an outcome code. */
    public static String name(int outcome) {
        return switch (outcome) {
            case OK -> "ok";
            case REJECTED -> "rejected";
            case TIMED_OUT -> "timed out";
            case FAILED -> "failed";
            default -> "outcome " + outcome;
        };
    }
}
