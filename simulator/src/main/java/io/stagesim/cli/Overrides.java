package io.stagesim.cli;

import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.Units;

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
        return out;
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
