package io.stagesim.cli;

/**
 * Keeps finished work when a long command is stopped (Ctrl-C, a kill), and never loses the final
 * result to a stop. While the work runs, a JVM shutdown hook runs {@code keep}, which writes what
 * has finished, marked partial. The final write goes through {@link #finish}, which holds the hook
 * off: a stop that lands during it waits until the file is renamed into place (the JVM exits only
 * when its hooks have returned), and then writes nothing more, so a complete result is never
 * replaced by a partial one, nor left as a temporary file. Either way the output folder's
 * reservation ends last.
 */
final class OnInterrupt implements AutoCloseable {

    private final OutputFolder folder;
    private final Runnable keep;
    private final Thread hook;
    /** Guarded by {@code this}: the hook kept partial work; the final result is written or abandoned. */
    private boolean interrupted;
    private boolean done;

    /** Arms the hook for work whose results go to {@code folder}. */
    OnInterrupt(OutputFolder folder, Runnable keep) {
        this.folder = folder;
        this.keep = keep;
        this.hook = new Thread(this::stopped, "stagesim-keep-finished-work");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void stopped() {
        try {
            synchronized (this) { // waits here while finish() writes
                if (!done) {
                    interrupted = true;
                    keep.run();
                }
            }
        } catch (RuntimeException e) {
            System.err.println("\nstagesim: interrupted; the finished work could not be kept: " + e.getMessage());
        } finally {
            folder.close();
        }
    }

    /**
     * Runs {@code write}, the final result's write, with the hook held off until it returns; returns
     * false without running it if a stop has already kept the partial work.
     */
    synchronized boolean finish(Runnable write) {
        if (interrupted) {
            return false;
        }
        try {
            write.run();
        } finally {
            done = true;
        }
        return true;
    }

    /** Disarms the hook and ends the folder's reservation. */
    @Override
    public void close() {
        synchronized (this) {
            done = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs, finds done set, and ends the reservation
        }
        folder.close();
    }
}
