package io.stagesim.scenario;

import java.util.List;
import java.util.Locale;

/**
 * A fault scheduled in a scenario, one record per kind ({@link FaultKind}), each with its own named
 * fields: what it does, from {@code at} (ns) for {@code duration} (ns; {@link #PERMANENT} for the
 * rest of the run), with a {@code probability} (each replication draws whether it happens). The
 * records check their values in their constructors, naming the YAML key; the binder reports a bad
 * value with its place in the file before a record is made.
 */
public sealed interface FaultSpec {

    /** Duration meaning "until the end of the run". */
    long PERMANENT = -1;

    /** When it begins (ns from the start of the run). */
    long at();

    /** How long it lasts (ns), or {@link #PERMANENT}. */
    long duration();

    /** The chance that it happens in a replication, in (0, 1]. */
    double probability();

    /** What it does, to what: "host_crash of app1". */
    String what();

    /** Its kind: the registry entry for its type. */
    default FaultKind kind() {
        return FaultKind.of(this);
    }

    /** End of the fault (ns), or {@link Long#MAX_VALUE} when permanent. */
    default long end() {
        return duration() == PERMANENT ? Long.MAX_VALUE : at() + duration();
    }

    /** How long it lasts, as the description says it: " for 60s", or " on" for the rest of the run. */
    default String lasting() {
        return duration() == PERMANENT ? " on" : " for " + Units.formatDuration(duration());
    }

    /** A short description: "noisy_neighbour taking 40% of web's CPU from 60s for 60s". */
    default String describe() {
        return what() + " from " + Units.formatDuration(at()) + lasting()
                + (probability() < 1 ? String.format(Locale.ROOT, " (probability %.3g%%)", 100 * probability()) : "");
    }

    /**
     * Another tenant taking {@code cpuShare} of every CPU on {@code host} and {@code memory} bytes of
     * its memory (memory the OOM killer does not take back: see {@code docs/failures.md}).
     */
    record NoisyNeighbour(String host, long at, long duration, double cpuShare, long memory, double probability)
            implements FaultSpec {
        /** Checks the share and the memory taken: some of one or the other. */
        public NoisyNeighbour {
            timing(at, duration, probability);
            Require.present("target", host);
            Require.atLeast("memory", memory, 0);
            if (memory == 0 || cpuShare != 0) {
                share("steal", cpuShare);
            }
        }

        /** A neighbour taking CPU only. */
        public NoisyNeighbour(String host, long at, long duration, double cpuShare, double probability) {
            this(host, at, duration, cpuShare, 0, probability);
        }

        @Override
        public String what() {
            String cpu = String.format(Locale.ROOT, "%.0f%% of %s's CPU", cpuShare * 100, host);
            if (memory == 0) {
                return kind().type() + " taking " + cpu;
            }
            String mem = Units.formatSize(memory) + " of " + host + "'s memory";
            return kind().type() + " taking " + (cpuShare == 0 ? mem : cpu + " and " + mem);
        }
    }

    /** The offered load multiplied by {@code factor} (a step up at the start, down at the end). */
    record TrafficSpike(long at, long duration, double factor, double probability) implements FaultSpec {
        /** Checks the factor. */
        public TrafficSpike {
            timing(at, duration, probability);
            Require.atLeast("factor", factor, 0.0);
        }

        @Override
        public String what() {
            return String.format(Locale.ROOT, "%s ×%.3g", kind().type(), factor);
        }
    }

    /** {@code delay} (ns) added to every round trip between {@code host} and {@code to}. */
    record Latency(String host, String to, long at, long duration, long delay, double probability)
            implements FaultSpec {
        /** Checks the hosts and the delay. */
        public Latency {
            timing(at, duration, probability);
            Require.present("target", host);
            Require.present("to", to);
            Require.atLeast("delay", delay, 1);
        }

        @Override
        public String what() {
            return kind().type() + " +" + Units.formatDuration(delay) + " between " + host + " and " + to;
        }
    }

    /**
     * {@code host} and {@code to} cannot reach each other: calls and answers between them wait until
     * it heals (their callers' timeouts run).
     */
    record Partition(String host, String to, long at, long duration, double probability) implements FaultSpec {
        /** Checks the two hosts. */
        public Partition {
            timing(at, duration, probability);
            Require.present("target", host);
            Require.present("to", to);
            if (host.equals(to)) {
                throw new IllegalArgumentException("to must be another host than target, was " + to);
            }
        }

        @Override
        public String what() {
            return kind().type() + " between " + host + " and " + to;
        }
    }

    /**
     * {@code host} down for the duration, then back, empty: work under way and its databases' writes
     * lost. {@code mode} {@code blackhole}: the machine is gone, nothing answers and callers wait for
     * their timeouts; {@code reset}: its processes died on a live kernel, which refuses connections
     * and resets those under way.
     */
    record HostCrash(String host, long at, long duration, String mode, double probability) implements FaultSpec {
        /** The crash modes: the whole machine gone (nothing answers), or its processes dead on a live kernel. */
        public static final List<String> MODES = List.of("blackhole", "reset");

        /** Checks the host and the mode. */
        public HostCrash {
            timing(at, duration, probability);
            Require.present("target", host);
            Require.oneOf("mode", mode, MODES);
        }

        /** True when the machine is gone: SYNs dropped, nothing answered, not even a reset. */
        public boolean blackhole() {
            return mode.equals("blackhole");
        }

        @Override
        public String what() {
            return kind().type() + " of " + host + (blackhole() ? "" : " (reset)");
        }
    }

    /** {@code host} accepts connections and answers nothing (a blackhole), then goes on where it stopped. */
    record HostHang(String host, long at, long duration, double probability) implements FaultSpec {
        /** Checks the host. */
        public HostHang {
            timing(at, duration, probability);
            Require.present("target", host);
        }

        @Override
        public String what() {
            return kind().type() + " of " + host;
        }
    }

    /** {@code service}'s CPU and disk demands multiplied by {@code factor} (a bad query plan, a cold cache). */
    record SlowDependency(String service, long at, long duration, double factor, double probability)
            implements FaultSpec {
        /** Checks the factor. */
        public SlowDependency {
            timing(at, duration, probability);
            Require.present("target", service);
            positive("factor", factor);
        }

        @Override
        public String what() {
            return String.format(Locale.ROOT, "%s: %s ×%.3g", kind().type(), service, factor);
        }
    }

    /**
     * {@code service}'s worker processes (Gunicorn, sync or gthread) growing by {@code perRequest}
     * bytes with every request they take, each killed (by the kernel's OOM killer, or a memory limit)
     * when the next request would take it past {@code limit} bytes, with every thread it runs; a new
     * worker starts after the boot time.
     */
    record MemoryLeak(String service, long at, long duration, long perRequest, long limit, double probability)
            implements FaultSpec {
        /** Checks the sizes. */
        public MemoryLeak {
            timing(at, duration, probability);
            Require.present("target", service);
            Require.atLeast("per_request", perRequest, 1);
            Require.atLeast("limit", limit, 1);
        }

        @Override
        public String what() {
            return String.format(Locale.ROOT, "%s: %s +%s per request, limit %s", kind().type(), service,
                    Units.formatSize(perRequest), Units.formatSize(limit));
        }
    }

    /** A managed {@code database} failing over: connections refused and queries cut, then back with nothing lost. */
    record DbFailover(String database, long at, long duration, double probability) implements FaultSpec {
        /** Checks the database. */
        public DbFailover {
            timing(at, duration, probability);
            Require.present("target", database);
        }

        @Override
        public String what() {
            return kind().type() + " of " + database;
        }
    }

    /** Object {@code storage} answering every request 503. */
    record StorageOutage(String storage, long at, long duration, double probability) implements FaultSpec {
        /** Checks the storage. */
        public StorageOutage {
            timing(at, duration, probability);
            Require.present("target", storage);
        }

        @Override
        public String what() {
            return kind().type() + " of " + storage;
        }
    }

    /** Object {@code storage}'s request-rate limits cut to {@code limitShare} of themselves. */
    record StorageThrottle(String storage, long at, long duration, double limitShare, double probability)
            implements FaultSpec {
        /** Checks the share left. */
        public StorageThrottle {
            timing(at, duration, probability);
            Require.present("target", storage);
            share("limit", limitShare);
        }

        @Override
        public String what() {
            return String.format(Locale.ROOT, "%s of %s to %.3g%% of its limits", kind().type(), storage,
                    limitShare * 100);
        }
    }

    /**
     * {@code cache} emptied at {@code at} of its {@code keys} hot keys, refilled as they are missed;
     * {@code duration} only sets the window reported.
     */
    record CacheFlush(String cache, long at, long duration, int keys, double probability) implements FaultSpec {
        /** Checks the keys. */
        public CacheFlush {
            timing(at, duration, probability);
            Require.present("target", cache);
            Require.atLeast("keys", keys, 1);
        }

        @Override
        public String what() {
            return String.format(Locale.ROOT, "%s of %s (%d keys)", kind().type(), cache, keys);
        }
    }

    /**
     * A deploy of the app servers {@code targets}, by {@code strategy}: each is drained for at most
     * {@code drain} ns, its new version takes {@code boot} ns, the next starts {@code interval} ns
     * after the previous one started (or when it is back, if later). {@code duration} is the planned
     * window; waiting for a balancer's health checks to take a server back can make it longer.
     */
    record Deploy(List<String> targets, DeployStrategy strategy, long at, long duration, long drain, long boot,
            long interval, double probability) implements FaultSpec {

        /** Copies the list and checks the timings. */
        public Deploy {
            targets = List.copyOf(Require.present("target", targets));
            Require.present("strategy", strategy);
            timing(at, duration, probability);
            Require.atLeast("drain", drain, 0);
            Require.atLeast("boot", boot, 1);
            Require.atLeast("interval", interval, 1);
        }

        /** True for a blue-green deploy. */
        public boolean blueGreen() {
            return strategy == DeployStrategy.BLUE_GREEN;
        }

        /** True for Gunicorn's HUP reload. */
        public boolean reload() {
            return strategy == DeployStrategy.RELOAD;
        }

        /** The green copy a blue-green deploy starts beside {@code target} (also the suffix of its host). */
        public static String green(String target) {
            return target + "+green";
        }

        @Override
        public String what() {
            return kind().type() + " (" + strategy.yaml().replace('_', '-') + ") of " + String.join(", ", targets);
        }

        /** Nothing: a deploy lasts as long as its rollout takes, which its planned window would misstate. */
        @Override
        public String lasting() {
            return "";
        }
    }

    private static void timing(long at, long duration, double probability) {
        Require.atLeast("at", at, 0);
        if (duration != PERMANENT) {
            Require.atLeast("for", duration, 1);
        }
        share("probability", probability);
    }

    /** {@code value} must be a share that leaves or takes something: above 0, at most 1. */
    private static void share(String key, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be above 0 and at most 1, was " + value);
        }
    }

    private static void positive(String key, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }
}
