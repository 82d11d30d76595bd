package io.stagesim.scenario;

import java.util.List;

/**
 * A fault scheduled in a scenario: what, when ({@code at}, ns), for how long ({@code duration},
 * ns; {@link #PERMANENT} for the rest of the run), on what, and with what probability (each
 * replication draws whether it happens). The fields used depend on the type:
 * <ul>
 * <li>{@code noisy_neighbour}: {@code target} host; {@code amount} the share of its CPU taken;</li>
 * <li>{@code traffic_spike}: {@code amount} the factor the offered load is multiplied by;</li>
 * <li>{@code latency}: {@code target} and {@code to} hosts; {@code delay} added to each round trip
 * between them (ns);</li>
 * <li>{@code partition}: {@code target} and {@code to} hosts cannot reach each other: calls
 * and answers between them wait until it heals (their callers' timeouts run);</li>
 * <li>{@code host_crash}: {@code target} host; down for {@code duration}, then back, empty;</li>
 * <li>{@code host_hang}: {@code target} host; accepts connections and answers nothing (a blackhole)
 * for {@code duration}, then goes on where it stopped;</li>
 * <li>{@code slow_dependency}: {@code target} service; its CPU and disk demands multiplied by
 * {@code amount} (a bad query plan, a cold cache on the server);</li>
 * <li>{@code db_failover}: {@code target} database service; unavailable (connections refused)
 * while a managed database fails over, then back with nothing lost;</li>
 * <li>{@code storage_outage}: {@code target} object storage answers every request 503;</li>
 * <li>{@code storage_throttle}: {@code target} object storage's request-rate limits multiplied by
 * {@code amount};</li>
 * <li>{@code cache_flush}: {@code target} cache service emptied at {@code at} of its
 * {@code amount} hot keys, refilled as they are missed; {@code duration} only sets the window
 * reported;</li>
 * <li>{@code deploy}: a rolling restart, described by {@code rollout}; {@code duration} is the
 * planned window, (n − 1)·interval + drain + boot (waiting for a balancer's health checks to take
 * a server back can make the rollout longer). Blue-green: a green copy of every target starts on a
 * new host, boots, and once the balancers send to all of them the blue ones leave rotation at
 * once, drain and stop; {@code duration} is boot + drain.</li>
 * </ul>
 */
public record FaultSpec(String type, long at, long duration, String target, String to, double amount, long delay,
        Rollout rollout, double probability) {

    /** A fault that always happens. */
    public FaultSpec(String type, long at, long duration, String target, String to, double amount, long delay,
            Rollout rollout) {
        this(type, at, duration, target, to, amount, delay, rollout, 1);
    }

    /**
     * A rolling restart: the app servers {@code targets}, one at a time, the next starting
     * {@code interval} ns after the previous one started (or when it is back, if later). Each is
     * taken out of its balancers' rotation and stops accepting connections, finishes what it is
     * running for at most {@code drain} ns (what is still running then is killed), and is down
     * {@code boot} ns while the new version starts.
     */
    public record Rollout(List<String> targets, long drain, long boot, long interval, String strategy) {
        /** The strategies: restart in place one at a time, switch to copies, Gunicorn's HUP reload. */
        public static final List<String> STRATEGIES = List.of("rolling", "blue_green", "reload");

        /** Copies the list. */
        public Rollout {
            targets = List.copyOf(targets);
        }

        /** True for a blue-green deploy. */
        public boolean blueGreen() {
            return "blue_green".equals(strategy);
        }

        /**
         * True for Gunicorn's HUP reload: new workers start beside the old ones (each spending
         * {@code boot} of CPU importing the new code), then the old ones finish and exit; the
         * listening socket stays open, so nothing is refused.
         */
        public boolean reload() {
            return "reload".equals(strategy);
        }

        /** The green copy a blue-green deploy starts beside {@code target} (also the suffix of its host). */
        public static String green(String target) {
            return target + "+green";
        }
    }

    /** Duration meaning "until the end of the run". */
    public static final long PERMANENT = -1;

    /** The fault types understood. */
    public static final List<String> TYPES = List.of("noisy_neighbour", "traffic_spike", "latency", "partition", "host_crash", "host_hang",
            "slow_dependency", "db_failover", "cache_flush", "storage_outage", "storage_throttle", "deploy");

    /** End of the fault (ns), or {@link Long#MAX_VALUE} when permanent. */
    public long end() {
        return duration == PERMANENT ? Long.MAX_VALUE : at + duration;
    }

    /** A short description: "noisy_neighbour on web from 60s for 60s". */
    public String describe() {
        String what = switch (type) {
            case "noisy_neighbour" -> String.format(java.util.Locale.ROOT, "noisy_neighbour taking %.0f%% of %s's CPU",
                    amount * 100, target);
            case "traffic_spike" -> String.format(java.util.Locale.ROOT, "traffic_spike ×%.3g", amount);
            case "latency" -> "latency +" + Units.formatDuration(delay) + " between " + target + " and " + to;
            case "partition" -> "partition between " + target + " and " + to;
            case "host_crash" -> "host_crash of " + target;
            case "host_hang" -> "host_hang of " + target;
            case "slow_dependency" -> String.format(java.util.Locale.ROOT, "slow_dependency: %s ×%.3g", target, amount);
            case "db_failover" -> "db_failover of " + target;
            case "storage_outage" -> "storage_outage of " + target;
            case "storage_throttle" -> String.format(java.util.Locale.ROOT, "storage_throttle of %s to %.3g%% of its limits",
                    target, amount * 100);
            case "cache_flush" -> String.format(java.util.Locale.ROOT, "cache_flush of %s (%.0f keys)", target, amount);
            case "deploy" -> "deploy (" + rollout.strategy().replace('_', '-') + ") of "
                    + String.join(", ", rollout.targets());
            default -> type;
        };
        return what + " from " + Units.formatDuration(at)
                + (duration == PERMANENT ? " on" : type.equals("deploy") ? "" : " for " + Units.formatDuration(duration))
                + (probability < 1 ? String.format(java.util.Locale.ROOT, " (probability %.3g%%)", 100 * probability) : "");
    }
}
