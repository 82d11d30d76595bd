package io.stagesim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a merged YAML tree to a {@link Scenario}: the top-level sections, then each service by its
 * kind ({@link ServiceBinder}), then the request classes, then the checks that need the whole
 * scenario ({@link ScenarioChecks}).
 */
final class ScenarioBinder {

    private ScenarioBinder() {
    }

    static Scenario bind(YNode.Mapping root, Path file, Problems problems) {
        Path baseDir = file.toAbsolutePath().getParent();
        Fields top = new Fields(root, "", problems, baseDir);
        String name = top.string("name", fileStem(file));
        String badName = ScenarioName.problem(name);
        if (badName != null) {
            top.problem("name", top.has("name") ? badName : badName + " (taken from the file name; set name:)");
        }
        String description = top.string("description", "");
        RunSpec run = run(top);
        NetworkSpec network = network(top);
        PriceBook prices = PriceBookBinder.of(top);
        Map<String, HostSpec> hosts = hosts(top, prices);
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, Location> serviceAt = new LinkedHashMap<>();
        YNode rawServices = top.raw("services");
        if (rawServices == null) {
            problems.add(root.location(), "services", "missing; a scenario needs at least a browser and a server");
        } else {
            Fields sf = Fields.of(rawServices, "services", problems, baseDir);
            if (sf != null) {
                for (Map.Entry<String, YNode> e : sf.entries().entrySet()) {
                    sf.has(e.getKey());
                    serviceAt.put(e.getKey(), e.getValue().location());
                    ServiceSpec s = ServiceBinder.bind(e.getKey(), e.getValue(), "services." + e.getKey(), problems,
                            baseDir, hosts);
                    if (s != null) {
                        services.put(e.getKey(), s);
                    }
                }
            }
        }
        Map<String, RequestSpec> requests = new LinkedHashMap<>();
        Map<String, Location> requestAt = new LinkedHashMap<>();
        YNode rawRequests = top.raw("requests");
        if (rawRequests == null) {
            problems.add(root.location(), "requests", "missing; a scenario needs at least one request class");
        } else {
            Fields rf = Fields.of(rawRequests, "requests", problems, baseDir);
            if (rf != null) {
                for (Map.Entry<String, YNode> e : rf.entries().entrySet()) {
                    rf.has(e.getKey());
                    requestAt.put(e.getKey(), e.getValue().location());
                    RequestSpec r = RequestBinder.request(e.getKey(), e.getValue(), problems, baseDir);
                    if (r != null) {
                        requests.put(e.getKey(), r);
                    }
                }
            }
        }
        SloSpec slo = slo(top);
        List<FaultSpec> faults = FaultBinder.faults(top, hosts, services);
        top.finish();
        Scenario scenario = new Scenario(name, description, file, run, network, hosts, services, requests, slo, faults,
                prices);
        if (problems.isEmpty()) {
            ScenarioChecks.check(scenario, root, serviceAt, requestAt, problems);
            Elastic.check(scenario, root, problems);
        }
        return problems.isEmpty() ? Elastic.expand(scenario) : scenario;
    }

    private static String fileStem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static RunSpec run(Fields top) {
        RunSpec d = RunSpec.DEFAULT;
        YNode raw = top.raw("run");
        if (raw == null) {
            return d;
        }
        Fields f = Fields.of(raw, "run", top.problems(), top.baseDir());
        if (f == null) {
            return d;
        }
        long duration = f.positiveDuration("duration", d.duration());
        long warmup = "auto".equals(f.string("warmup", null)) ? RunSpec.AUTO_WARMUP
                : f.duration("warmup", Math.min(d.warmup(), duration / 5));
        int reps = f.integer("replications", d.replications(), 1, 10_000);
        long seed = f.integer("seed", (int) d.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        long window = f.positiveDuration("window", d.window());
        if (warmup != RunSpec.AUTO_WARMUP && warmup >= duration) {
            f.problem("warmup", "warm-up (" + Units.formatDuration(warmup) + ") must be shorter than the duration ("
                    + Units.formatDuration(duration) + ")");
        }
        long maxEvents = f.has("max_events") ? parseCount(f, "max_events") : d.maxEvents();
        long maxWall = f.duration("max_wall_time", 0) / 1_000_000;
        int maxInFlight = f.integer("max_in_flight", d.maxInFlight(), 1, 100_000_000);
        f.finish();
        return new RunSpec(duration, warmup, reps, seed, window, maxEvents, maxWall, maxInFlight);
    }

    private static SloSpec slo(Fields top) {
        YNode raw = top.raw("slo");
        if (raw == null) {
            return SloSpec.NONE;
        }
        Fields f = Fields.of(raw, "slo", top.problems(), top.baseDir());
        if (f == null) {
            return SloSpec.NONE;
        }
        int before = f.problems().size();
        // a latency bound of 0 could never be met (and 0 means "not set" in SloSpec): refused
        SloSpec s = new SloSpec(f.positiveDuration("p50", 0), f.positiveDuration("p95", 0),
                f.positiveDuration("p99", 0), f.has("error_rate") ? f.fraction("error_rate", Double.NaN) : Double.NaN);
        if (!s.isSet() && f.problems().size() == before) {
            f.problems().add(f.location(), "slo", "an objective needs at least one of p50, p95, p99 or error_rate");
        }
        f.finish();
        return s;
    }

    private static long parseCount(Fields f, String key) {
        double v = f.number(key, Long.MAX_VALUE, 1, 9e18);
        return (long) v;
    }

    private static NetworkSpec network(Fields top) {
        NetworkSpec d = NetworkSpec.DEFAULT;
        YNode raw = top.raw("network");
        if (raw == null) {
            return d;
        }
        Fields f = Fields.of(raw, "network", top.problems(), top.baseDir());
        if (f == null) {
            return d;
        }
        NetworkSpec n = new NetworkSpec(f.duration("same_host_rtt", d.sameHostRtt()),
                f.duration("datacenter_rtt", d.datacenterRtt()), f.positiveDuration("syn_timeout", d.synTimeout()));
        f.finish();
        return n;
    }

    private static Map<String, HostSpec> hosts(Fields top, PriceBook prices) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        YNode raw = top.raw("hosts");
        if (raw == null) {
            return hosts;
        }
        Fields all = Fields.of(raw, "hosts", top.problems(), top.baseDir());
        if (all == null) {
            return hosts;
        }
        for (Map.Entry<String, YNode> e : all.entries().entrySet()) {
            all.has(e.getKey());
            Fields f = Fields.of(e.getValue(), "hosts." + e.getKey(), top.problems(), top.baseDir());
            if (f == null) {
                continue;
            }
            PriceBook.Machine m = machine(f, prices);
            int cores = f.integer("cores", m == null ? 2 : m.vcpus(), 1, 4096);
            hosts.put(e.getKey(), new HostSpec(e.getKey(), cores, f.number("speed", 1.0, 0.01, 100),
                    f.size("memory", m == null ? 4L << 30 : m.memory()),
                    f.number("cost_per_hour", m == null ? 0 : m.perHour(), 0, 1e6), burstable(f, cores),
                    m == null ? null : m.name(), demandScale(f), f.bandwidth("bandwidth", m == null
                            || !(m.networkGbps() > 0) ? HostSpec.DEFAULT_BANDWIDTH : m.networkGbps() * 1e9 / 8), // A.1a
                    f.size("tcp_send_buffer", HostSpec.DEFAULT_SEND_BUFFER), // A.1a: tcp_wmem's default
                    f.size("swap", 0), // A.4a: EC2's Linux images come without swap
                    swapSpeed(f)));
            f.finish();
        }
        return hosts;
    }

    /** The share of its CPU speed a swapping host keeps: above 0, at most 100 %. */
    private static double swapSpeed(Fields f) {
        double v = f.fraction("swap_speed", HostSpec.DEFAULT_SWAP_SPEED); // A.4a, an estimate
        if (!(v > 0)) {
            f.problem("swap_speed", "a swapping host still runs: give a share above 0%, such as 50%");
            return HostSpec.DEFAULT_SWAP_SPEED;
        }
        return v;
    }

    /**
     * The price book's machine a host names ({@code instance: t3.medium}), or null: none named, or
     * a problem (no book, or a name the book does not have).
     */
    private static PriceBook.Machine machine(Fields f, PriceBook prices) {
        String name = f.string("instance", null);
        if (name == null) {
            return null;
        }
        if (prices == null) {
            f.problem("instance", "'" + name + "' is looked up in a price book; name one at the top of the scenario"
                    + " (prices: aws-us-east-1), or give the host's cores, memory and cost_per_hour instead");
            return null;
        }
        PriceBook.Machine m = prices.machine(name);
        if (m == null) {
            f.problem("instance", "unknown instance type '" + name + "' in price book " + prices.name()
                    + Suggest.didYouMean(name, prices.machineNames()) + "; it has: " + join(prices.machineNames()));
        }
        return m;
    }

    /** A host's {@code burstable} block (docs/calibration.md A.15), or null when it has none. */
    /** The most jobs a demand_scale table may name. */
    static final int MAX_SCALE_JOBS = 10_000;

    /**
     * A host's {@code demand_scale}: CPU per request at n jobs on its CPU relative to the figure
     * measured alone, as {@code {1: 100%, 4: 90.5%}}; straight lines between the points given, the
     * first below it and the last beyond it. Null when absent.
     */
    private static double[] demandScale(Fields host) {
        YNode raw = host.raw("demand_scale");
        if (raw == null || raw instanceof YNode.Scalar s && s.isNull()) {
            return null;
        }
        Fields f = Fields.of(raw, host.child("demand_scale"), host.problems(), host.baseDir());
        if (f == null) {
            return null;
        }
        java.util.TreeMap<Integer, Double> points = new java.util.TreeMap<>();
        for (Map.Entry<String, YNode> e : f.entries().entrySet()) {
            int jobs;
            try {
                jobs = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException x) {
                jobs = -1;
            }
            if (jobs < 1 || jobs > MAX_SCALE_JOBS) {
                f.problem(e.getKey(), "expected a number of jobs on the CPU from 1 to " + MAX_SCALE_JOBS
                        + " as the key, such as 4: 90%, was '" + e.getKey() + "'");
                f.has(e.getKey());
                continue;
            }
            double v = f.ratio(e.getKey(), 1, 0.01, 100);
            points.put(jobs, v);
        }
        f.finish();
        if (points.isEmpty()) {
            host.problem("demand_scale", "expected at least one point, such as {1: 100%, 4: 90%}");
            return null;
        }
        double[] table = new double[points.lastKey()];
        for (int n = 1; n <= table.length; n++) {
            Map.Entry<Integer, Double> lo = points.floorEntry(n);
            Map.Entry<Integer, Double> hi = points.ceilingEntry(n);
            if (lo == null) {
                table[n - 1] = hi.getValue();
            } else if (lo.getKey() == n || hi == null) {
                table[n - 1] = lo.getValue();
            } else {
                double t = (n - lo.getKey()) / (double) (hi.getKey() - lo.getKey());
                table[n - 1] = lo.getValue() + t * (hi.getValue() - lo.getValue());
            }
        }
        return table;
    }

    private static Burstable burstable(Fields host, int cores) {
        YNode raw = host.raw("burstable");
        if (raw == null || raw instanceof YNode.Scalar s && s.isNull()) {
            return null;
        }
        Fields f = Fields.of(raw, host.child("burstable"), host.problems(), host.baseDir());
        if (f == null) {
            return null;
        }
        double baseline = f.fraction("baseline", 0.2);
        double max = f.number("max_credits", baseline * cores * 60 * Burstable.MAX_HOURS, 0, 1e9);
        double credits = f.number("credits", 0, 0, 1e9);
        boolean unlimited = "unlimited".equals(f.choice("mode", "unlimited", List.of("standard", "unlimited")));
        double price = f.number("surplus_per_vcpu_hour", 0.05, 0, 1e6);
        f.finish();
        try {
            return new Burstable(baseline, credits, max, unlimited, price);
        } catch (IllegalArgumentException e) {
            host.problem("burstable", e.getMessage());
            return null;
        }
    }

    /** Names in {@code list} joined for a message. */
    static String join(List<String> list) {
        return String.join(", ", new ArrayList<>(list));
    }
}
