package io.stagesim.cli;

import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import io.stagesim.scenario.Units;
import io.stagesim.scenario.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line overrides of a scenario's run settings and offered rate. */
final class Overrides {

    private Overrides() {
    }

    static Scenario apply(Scenario s, Long seed, Integer replications, String duration, String warmup, String rate) {
        RunSpec r = s.run();
        long d = duration == null ? r.duration() : parse("--duration", duration, true);
        long w;
        if ("auto".equals(warmup)) {
            w = RunSpec.AUTO_WARMUP;
        } else if (warmup != null) {
            w = parse("--warmup", warmup, false);
        } else {
            w = duration == null || r.warmup() < 0 ? r.warmup() : Math.min(r.warmup(), d / 5);
        }
        if (w >= d) {
            throw new UserError("--warmup (" + Units.formatDuration(w) + ") must be shorter than the duration ("
                    + Units.formatDuration(d) + ")");
        }
        int reps = replications == null ? r.replications() : replications;
        if (reps < 1) {
            throw new UserError("--replications must be >= 1, was " + reps);
        }
        RunSpec run = new RunSpec(d, w, reps, seed == null ? r.seed() : seed, r.window());
        Map<String, ServiceSpec> services = new LinkedHashMap<>(s.services());
        if (rate != null) {
            double perSecond;
            try {
                perSecond = Units.rate(rate);
            } catch (IllegalArgumentException e) {
                throw new UserError("--rate: " + e.getMessage());
            }
            ServiceSpec.Browser b = s.browser();
            if (!(b.workload() instanceof WorkloadSpec.Open)) {
                throw new UserError("--rate applies to open workloads; " + s.name() + " has a closed one (users)");
            }
            List<WorkloadSpec.RatePoint> pts = new ArrayList<>();
            WorkloadSpec.Open open = (WorkloadSpec.Open) b.workload();
            double peak = open.profile().stream().mapToDouble(WorkloadSpec.RatePoint::rate).max().orElse(0);
            for (WorkloadSpec.RatePoint p : open.profile()) {
                pts.add(new WorkloadSpec.RatePoint(p.at(), peak == 0 ? perSecond : p.rate() * perSecond / peak));
            }
            services.put(b.name(), new ServiceSpec.Browser(b.name(), new WorkloadSpec.Open(pts), b.target(),
                    b.staticFrom(), b.rtt(), b.timeout(), b.connectionsPerHost()));
        }
        return new Scenario(s.name(), s.description(), s.file(), run, s.network(), s.hosts(), services, s.requests());
    }

    private static long parse(String option, String text, boolean positive) {
        try {
            long v = Units.duration(text);
            if (positive && v <= 0) {
                throw new UserError(option + " must be greater than 0, was " + text);
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }
}
