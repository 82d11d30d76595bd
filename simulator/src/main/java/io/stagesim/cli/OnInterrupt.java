package io.stagesim.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps finished work when a long command is stopped (Ctrl-C, a kill): while open, a JVM shutdown
 * hook runs {@code keep}, which writes what has finished, marked partial; closing it (the work
 * done) disarms the hook. A hook already running when the work ends finds it closed and writes
 * nothing, so a complete result is never replaced by a partial one.
 */
final class OnInterrupt implements AutoCloseable {

    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread hook;

    /** Arms the hook. */
    OnInterrupt(Runnable keep) {
        this.hook = new Thread(() -> {
            if (!done.get()) {
                keep.run();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs and finds done set
        }
    }
}
