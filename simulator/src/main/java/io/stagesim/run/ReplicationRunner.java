package io.stagesim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs independent replications on a pool of threads, one replication per task. Each replication
 * builds its own model from its own index (and so its own random streams) and shares nothing, and
 * the results come back in index order: the output is the same whatever the number of threads.
 */
public final class ReplicationRunner {

    /** Told when each replication finishes. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} replications have finished. */
        void update(int done, int total);

        /** A listener that ignores progress. */
        static Progress none() {
            return (done, total) -> { };
        }
    }

    private ReplicationRunner() {
    }

    /** Number of threads to use by default: one per available processor. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs replications 0 .. {@code count} − 1 with up to {@code threads} at once and returns
     * their results in index order. A failure in any replication is rethrown after the others
     * have been cancelled.
     */
    public static <T> List<T> run(int count, int threads, IntFunction<T> replication, Progress progress) {
        if (count < 1) {
            throw new IllegalArgumentException("replications must be >= 1, was " + count);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        int workers = Math.min(threads, count);
        if (workers == 1) {
            List<T> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                results.add(replication.apply(i));
                progress.update(i + 1, count);
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "stagesim-replication");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    T result = replication.apply(index);
                    progress.update(done.incrementAndGet(), count);
                    return result;
                }));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running replications", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
