package io.stagesim.report;

import io.stagesim.run.Difference;
import io.stagesim.run.Replicates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Difference} as the JSON files hold it: the mean difference (the other's figure minus
 * the base's), its 95 % half-width (null without one), the replications behind it, whether it is
 * paired (same seed) or Welch's, and whether it is significant (the interval leaves out 0).
 */
public record DifferenceFile(Double mean, Double ci95, int n, boolean paired, boolean significant) {

    /** The record of {@code d}. */
    public static DifferenceFile of(Difference d) {
        return new DifferenceFile(Double.isFinite(d.mean()) ? d.mean() : null,
                Double.isFinite(d.ci95()) ? d.ci95() : null, d.n(), d.paired(), d.significant());
    }

    /**
     * Every figure of {@link Replicates#FIGURES} of {@code other} against {@code base}, paired when
     * the seeds are the same; empty when either has no figures replication by replication.
     */
    public static Map<String, DifferenceFile> figures(Replicates base, long baseSeed, Replicates other,
            long otherSeed) {
        Map<String, DifferenceFile> out = new LinkedHashMap<>();
        if (base == null || other == null) {
            return out;
        }
        for (String f : Replicates.FIGURES) {
            double[] a = base.values(f);
            double[] b = other.values(f);
            if (a != null && b != null) {
                out.put(f, of(Difference.of(a, baseSeed, b, otherSeed)));
            }
        }
        return out;
    }
}
