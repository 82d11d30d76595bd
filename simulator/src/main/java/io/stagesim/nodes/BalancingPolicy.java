package io.stagesim.nodes;

import io.stagesim.random.RandomStream;
import java.util.Locale;

/**
 * How a balancer picks a backend: round robin, least connections (fewest requests in flight, ties
 * rotating), random, or two random choices (the less loaded of two picked at random). It counts
 * the requests in flight at each backend; round robin keeps one position per worker process, as
 * NGINX does without a {@code zone}.
 */
public final class BalancingPolicy {

    /** The policies. */
    public enum Kind {
        /** Each backend in turn. */
        ROUND_ROBIN,
        /** The backend with the fewest requests in flight. */
        LEAST_CONN,
        /** A backend drawn at random. */
        RANDOM,
        /** The less loaded of two backends drawn at random. */
        TWO_CHOICES;

        /** The kind written {@code name} in a scenario ({@code round_robin}, {@code least_conn} …). */
        public static Kind of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private final Kind kind;
    private final RandomStream random;
    private final int[] inFlight;
    private final int[] next;

    /** A policy over {@code backends} backends for {@code workers} worker processes. */
    BalancingPolicy(Kind kind, RandomStream random, int backends, int workers) {
        this.kind = kind;
        this.random = random;
        this.inFlight = new int[backends];
        this.next = new int[workers];
    }

    /** A request was sent to backend {@code i}. */
    void sent(int i) {
        inFlight[i]++;
    }

    /** Backend {@code i} answered a request (or failed it). */
    void answered(int i) {
        inFlight[i]--;
    }

    /** The backend the policy picks for a request taken by {@code worker}, among all {@code n}. */
    int pick(int n, int worker) {
        switch (kind) {
            case ROUND_ROBIN: {
                int i = next[worker];
                next[worker] = (i + 1) % n;
                return i;
            }
            case RANDOM:
                return random.nextInt(n);
            case TWO_CHOICES: {
                int i = random.nextInt(n);
                int j = random.nextInt(n);
                return inFlight[j] < inFlight[i] ? j : i;
            }
            default: {
                int best = next[worker];
                for (int k = 1; k < n; k++) {
                    int i = (next[worker] + k) % n;
                    if (inFlight[i] < inFlight[best]) {
                        best = i;
                    }
                }
                next[worker] = (next[worker] + 1) % n; // ties rotate instead of always hitting the first backend
                return best;
            }
        }
    }
}
