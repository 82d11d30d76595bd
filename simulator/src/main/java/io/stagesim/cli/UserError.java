package io.stagesim.cli;

/** A problem with what the user gave us, reported as a message (never a stack trace), exit code 2. */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message that says what is wrong and what would be right. */
    public UserError(String message) {
        super(message);
    }
}
