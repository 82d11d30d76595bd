package io.stagesim.calibrate;

import java.time.Instant;
import java.util.List;

/**
 * The arrival rate over the log's span, bucket by bucket, from the log's time stamps: the requests the
 * app served (not the ones NGINX answered alone) counted in buckets that start at the log's first
 * request, each bucket's rate its count over its length. The span is cut into as many whole buckets as
 * fit (at least 2); what is left at the end is added to the last bucket, whose rate is over its own
 * length, so a short tail neither makes a bucket of its own nor skews a rate.
 */
public final class ArrivalProfile {

    /** The buckets: the first one's start (ms since the epoch), their length (ms), counts and rates (/s). */
    public record Result(long firstMs, long bucketMs, long[] counts, double[] rates, long spanMs) {

        /** How many buckets. */
        public int buckets() {
            return counts.length;
        }

        /** The wall-clock time of {@code at: 0s} (UTC). */
        public String start() {
            return Instant.ofEpochMilli(firstMs).toString();
        }
    }

    private ArrivalProfile() {
    }

    /** The profile of {@code log} in buckets of {@code bucketMs} ms. */
    public static Result of(List<LogRecord> log, long bucketMs, String option) throws CalibrationException {
        if (bucketMs <= 0) {
            throw new CalibrationException(option + ": a bucket must be longer than 0s");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (LogRecord r : log) {
            first = Math.min(first, r.endMs());
            last = Math.max(last, r.endMs());
        }
        long span = last - first;
        long n = span / bucketMs;
        if (log.isEmpty() || n < 2) {
            throw new CalibrationException(String.format(java.util.Locale.ROOT, "%s: the log spans %.3f s, which "
                    + "holds %d whole bucket%s of %.3f s: a profile needs at least 2 (give a shorter bucket)", option,
                    Math.max(0, span) / 1000.0, Math.max(0, n), n == 1 ? "" : "s", bucketMs / 1000.0));
        }
        long[] counts = new long[(int) n];
        for (LogRecord r : log) {
            if (!r.servedByProxyAlone()) {
                counts[(int) Math.min(n - 1, (r.endMs() - first) / bucketMs)]++;
            }
        }
        double[] rates = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            long length = i == counts.length - 1 ? span - (n - 1) * bucketMs : bucketMs;
            rates[i] = counts[i] / (length / 1000.0);
        }
        return new Result(first, bucketMs, counts, rates, span);
    }
}
