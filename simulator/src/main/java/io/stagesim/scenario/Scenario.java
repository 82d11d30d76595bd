package io.stagesim.scenario;

import java.nio.file.Path;
import java.util.Map;

/**
 * A validated scenario: one deployment stage with its hosts, services, request classes, network
 * and run settings. Maps keep the file's order. {@code overrides} are the command line's
 * {@code --set KEY=VALUE} settings applied to the file, in order (empty for none), so results can
 * say what they were run with.
 */
public record Scenario(String name, String description, Path file, RunSpec run, NetworkSpec network,
        Map<String, HostSpec> hosts, Map<String, ServiceSpec> services, Map<String, RequestSpec> requests,
        SloSpec slo, java.util.List<FaultSpec> faults, PriceBook prices, java.util.List<String> overrides) {

    /** Immutable copies. */
    public Scenario {
        hosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hosts));
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        requests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requests));
        faults = java.util.List.copyOf(faults);
        overrides = java.util.List.copyOf(overrides);
    }

    /** A scenario as its file says, with no command-line settings. */
    public Scenario(String name, String description, Path file, RunSpec run, NetworkSpec network,
            Map<String, HostSpec> hosts, Map<String, ServiceSpec> services, Map<String, RequestSpec> requests,
            SloSpec slo, java.util.List<FaultSpec> faults, PriceBook prices) {
        this(name, description, file, run, network, hosts, services, requests, slo, faults, prices,
                java.util.List.of());
    }

    /** The same scenario, recording the command-line settings it was made with. */
    public Scenario withOverrides(java.util.List<String> settings) {
        return new Scenario(name, description, file, run, network, hosts, services, requests, slo, faults, prices,
                settings);
    }

    /** A scenario without a price book. */
    public Scenario(String name, String description, Path file, RunSpec run, NetworkSpec network,
            Map<String, HostSpec> hosts, Map<String, ServiceSpec> services, Map<String, RequestSpec> requests,
            SloSpec slo, java.util.List<FaultSpec> faults) {
        this(name, description, file, run, network, hosts, services, requests, slo, faults, null);
    }

    /** A scenario without faults. */
    public Scenario(String name, String description, Path file, RunSpec run, NetworkSpec network,
            Map<String, HostSpec> hosts, Map<String, ServiceSpec> services, Map<String, RequestSpec> requests,
            SloSpec slo) {
        this(name, description, file, run, network, hosts, services, requests, slo, java.util.List.of());
    }

    /** The same scenario with other faults (the green copies of blue-green deploys no longer in it removed). */
    public Scenario withFaults(java.util.List<FaultSpec> other) {
        return Elastic.withoutGreens(new Scenario(name, description, file, run, network, hosts, services, requests, slo,
                other, prices, overrides), faults);
    }

    /** The same scenario with other run settings. */
    public Scenario withRun(RunSpec other) {
        return new Scenario(name, description, file, other, network, hosts, services, requests, slo, faults, prices,
                overrides);
    }

    /** The same scenario with another objective. */
    public Scenario withSlo(SloSpec other) {
        return new Scenario(name, description, file, run, network, hosts, services, requests, other, faults, prices,
                overrides);
    }

    /** The same scenario with other services. */
    public Scenario withServices(Map<String, ServiceSpec> other) {
        return new Scenario(name, description, file, run, network, hosts, other, requests, slo, faults, prices,
                overrides);
    }

    /**
     * The same scenario with its open workload scaled so that its peak rate is {@code ratePerSecond}
     * (a constant rate becomes that rate).
     *
     * @throws IllegalArgumentException when the workload is closed
     */
    public Scenario withPeakRate(double ratePerSecond) {
        BrowserSpec b = browser();
        if (!(b.workload() instanceof WorkloadSpec.Open open)) {
            throw new IllegalArgumentException(name + " has a closed workload (users); only an open one has a rate");
        }
        double peak = open.profile().stream().mapToDouble(WorkloadSpec.RatePoint::rate).max().orElse(0);
        java.util.List<WorkloadSpec.RatePoint> pts = new java.util.ArrayList<>();
        for (WorkloadSpec.RatePoint p : open.profile()) {
            pts.add(new WorkloadSpec.RatePoint(p.at(), peak == 0 ? ratePerSecond : p.rate() * ratePerSecond / peak));
        }
        Map<String, ServiceSpec> s = new java.util.LinkedHashMap<>(services);
        s.put(b.name(), b.withWorkload(open.withProfile(pts)));
        return withServices(s);
    }

    /** The browser service: every scenario has exactly one. */
    public BrowserSpec browser() {
        return BrowserSpec.in(services).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("scenario has no browser"));
    }
}
