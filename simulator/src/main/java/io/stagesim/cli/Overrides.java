package io.stagesim.cli;

import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.Location;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioLoader;
import io.stagesim.scenario.Units;
import io.stagesim.scenario.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line overrides of a scenario's run settings, offered rate and users. */
final class Overrides {

    private Overrides() {
    }

    static Scenario apply(Scenario s, Long seed, Integer replications, String duration, String warmup, String rate) {
        return apply(s, seed, replications, duration, warmup, rate, null);
    }

    static Scenario apply(Scenario s, Long seed, Integer replications, String duration, String warmup, String rate,
            Integer users) {
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
        RunSpec run = r.with(d, w, reps, seed == null ? r.seed() : seed);
        Scenario out = s.withRun(run);
        if (rate != null) {
            double perSecond;
            try {
                perSecond = Units.rate(rate);
            } catch (IllegalArgumentException e) {
                throw new UserError("--rate: " + e.getMessage());
            }
            try {
                out = out.withPeakRate(perSecond);
            } catch (IllegalArgumentException e) {
                throw new UserError("--rate: " + e.getMessage());
            }
        }
        if (users != null) {
            out = withUsers(out, users);
        }
        return out;
    }

    /** {@code s} with {@code users} users in its closed workload, their think time unchanged. */
    static Scenario withUsers(Scenario s, int users) {
        if (users < 1) {
            throw new UserError("--users must be >= 1, was " + users);
        }
        BrowserSpec b = s.browser();
        if (!(b.workload() instanceof WorkloadSpec.Closed closed)) {
            Location at = s.file() == null ? null : ScenarioLoader.locate(s.file(), "services", b.name(), "rate");
            throw new UserError((at != null ? at + ": " : "") + "--users sets the users of a closed workload, but "
                    + "services." + b.name() + " has an open one (rate: page views per second arriving whatever "
                    + "the site does): give --rate instead, or give the browser 'users' and 'think' in place of "
                    + "'rate'");
        }
        Map<String, io.stagesim.scenario.ServiceSpec> services = new LinkedHashMap<>(s.services());
        services.put(b.name(), b.withWorkload(new WorkloadSpec.Closed(users, closed.think())));
        return s.withServices(services);
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
