package io.stagesim.report;

import io.stagesim.run.Estimate;
import io.stagesim.run.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes a run against a baseline compare unlike with unlike, said before the figures: a
 * different offered load (a latency change may be the load's), a different seed (differences within
 * the noise are then expected), and a different topology (hosts, their cores, services), with the
 * services present in one run only.
 */
final class BaselineGuard {

    /** Offered loads closer than this share are the same load (arrivals are random). */
    static final double SAME_LOAD = 0.02;

    /** Offered loads further apart than this share are different loads, however noisy. */
    static final double CLEARLY_OTHER = 0.05;

    private BaselineGuard() {
    }

    /** The warnings for {@code b} (named {@code bName}) against {@code r} (named {@code rName}). */
    static List<String> warnings(String bName, ResultsFile b, String rName, ResultsFile r) {
        List<String> out = new ArrayList<>();
        Estimate bl = offered(b);
        Estimate rl = offered(r);
        if (bl != null && rl != null && differ(bl, rl)) {
            out.add(String.format(Locale.ROOT, "the offered loads differ (%.1f page views/s in %s, %.1f in %s): a "
                    + "change in latency, errors or utilisation may be the load's, not the change's; run both at one "
                    + "load (--rate)", bl.mean(), bName, rl.mean(), rName));
        }
        if (b.seed() != r.seed()) {
            out.add(String.format(Locale.ROOT, "the seeds differ (%d in %s, %d in %s): figures differ by chance "
                    + "too; only the changes marked * are beyond the noise", b.seed(), bName, r.seed(), rName));
        }
        Set<String> bHosts = hosts(b);
        Set<String> rHosts = hosts(r);
        Set<String> bServices = services(b);
        Set<String> rServices = services(r);
        if (!bHosts.equals(rHosts) || !bServices.equals(rServices)) {
            String what = bHosts.equals(rHosts) ? "the same hosts, other services"
                    : "hosts " + String.join(", ", bHosts) + " in " + bName + "; " + String.join(", ", rHosts) + " in "
                    + rName;
            out.add("the topologies differ (" + what + "): a host or service in both may carry different work");
        }
        Set<String> onlyB = minus(bServices, rServices);
        Set<String> onlyR = minus(rServices, bServices);
        if (!onlyB.isEmpty()) {
            out.add("services in " + bName + " only: " + String.join(", ", onlyB));
        }
        if (!onlyR.isEmpty()) {
            out.add("services in " + rName + " only: " + String.join(", ", onlyR));
        }
        return out;
    }

    /**
     * Two offered loads differ when they are further apart than {@link #CLEARLY_OTHER} of the larger
     * (whatever the intervals: two replications give wide ones), or further than {@link #SAME_LOAD}
     * and beyond both half-widths.
     */
    static boolean differ(Estimate a, Estimate b) {
        double gap = Math.abs(a.mean() - b.mean());
        double larger = Math.max(Math.abs(a.mean()), Math.abs(b.mean()));
        double noise = (Double.isNaN(a.ci95()) ? 0 : a.ci95()) + (Double.isNaN(b.ci95()) ? 0 : b.ci95());
        return gap > CLEARLY_OTHER * larger || gap > noise && gap > SAME_LOAD * larger;
    }

    private static Estimate offered(ResultsFile f) {
        ResultsFile.RequestClass all = f.requests() == null ? null : f.requests().get(ResultsFile.ALL);
        return all == null || all.offeredPerS() == null || Double.isNaN(all.offeredPerS().mean()) ? null
                : all.offeredPerS();
    }

    /** The hosts with their cores, as "web (2 cores)". */
    private static Set<String> hosts(ResultsFile f) {
        Set<String> out = new TreeSet<>();
        if (f.hosts() != null) {
            for (Map.Entry<String, ResultsFile.Host> e : f.hosts().entrySet()) {
                int cores = e.getValue() == null ? 0 : e.getValue().cores();
                out.add(e.getKey() + " (" + cores + (cores == 1 ? " core)" : " cores)"));
            }
        }
        return out;
    }

    /** The services that have a resource in the results. */
    private static Set<String> services(ResultsFile f) {
        Set<String> out = new TreeSet<>();
        if (f.resources() != null) {
            for (ScenarioResult.ResourceResult x : f.resources()) {
                if (x != null && x.service() != null) {
                    out.add(x.service());
                }
            }
        }
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeIf(s -> b.contains(s) || Objects.isNull(s));
        return out;
    }
}
