package io.stagesim.cli;

import java.io.PrintStream;

/**
 * Progress of long work: a bar redrawn in place with the time left when the output is a terminal,
 * plain lines (at most one every few seconds) otherwise. Thread-safe, since replications report
 * from worker threads.
 */
final class ProgressBar {

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private String label = "";
    private long lastPrint;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on standard error, drawn in place when there is a console. */
    static ProgressBar onStandardError() {
        return new ProgressBar(System.err, System.console() != null);
    }

    synchronized void label(String text) {
        this.label = text;
    }

    synchronized void update(int done, int total) {
        long now = System.nanoTime();
        double elapsed = (now - startNanos) / 1e9;
        if (elapsed < 1) {
            return; // work that ends within a second needs no progress display
        }
        double fraction = total == 0 ? 1 : done / (double) total;
        String left = done == 0 ? "?" : String.format("%.0fs", elapsed / fraction - elapsed);
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            out.printf("\r%-28s [%s%s] %3.0f%%  %s left  ", label, "#".repeat(filled),
                    ".".repeat(width - filled), fraction * 100, left);
            if (done == total) {
                out.print("\r" + " ".repeat(80) + "\r");
            }
            out.flush();
        } else if (now - lastPrint > 5_000_000_000L || done == total) {
            lastPrint = now;
            out.printf("%s: %d/%d done, %s left%n", label, done, total, left);
        }
    }
}
