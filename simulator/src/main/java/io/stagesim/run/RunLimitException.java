package io.stagesim.run;

/** A run that could not produce any result within its limits: the message says which and why. */
public final class RunLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A run stopped for {@code message}. */
    public RunLimitException(String message) {
        super(message);
    }
}
