package io.stagesim.operations;

import io.stagesim.assembly.WebModel;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.workload.OpenSource;
import io.stagesim.workload.RateProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Traffic spikes: the open workload's rate multiplied by each spike's factor over its window (a
 * step up where it starts, down where it ends), built into the arrivals before they start, so that
 * they are still drawn by exact inversion of the rate. A closed workload has no rate: spikes leave
 * its users alone.
 */
final class TrafficSpikes extends FaultAction<FaultSpec.TrafficSpike> {

    private final OpenSource arrivals;
    private final RateProfile written;
    private final List<FaultSpec.TrafficSpike> spikes = new ArrayList<>();

    TrafficSpikes(WebModel model) {
        super(FaultSpec.TrafficSpike.class);
        this.arrivals = model.arrivals();
        this.written = arrivals == null ? null : arrivals.profile();
    }

    /** Reshapes the arrivals: the rate as written with every spike so far (factors multiplied in one order). */
    @Override
    void attach(FaultSpec.TrafficSpike f, boolean happens, FaultInjector faults) {
        if (happens && arrivals != null) {
            spikes.add(f);
            arrivals.reshape(spiked(written, spikes));
        }
    }

    /** {@code base} with every spike's factor applied over its window. */
    static RateProfile spiked(RateProfile base, List<FaultSpec.TrafficSpike> spikes) {
        TreeSet<Long> cuts = new TreeSet<>(base.breakpoints());
        for (FaultSpec.TrafficSpike f : spikes) {
            cuts.add(f.at());
            if (f.duration() != FaultSpec.PERMANENT) {
                cuts.add(f.end());
            }
        }
        List<Long> times = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (long t : cuts) {
            // at each cut, the rate just before and just after (a step where a spike starts or ends)
            double before = t == 0 ? base.rateAt(0) * factor(spikes, 0) : base.rateBefore(t) * factor(spikes, t - 1);
            double after = base.rateAt(t) * factor(spikes, t);
            times.add(t);
            rates.add(before);
            times.add(t);
            rates.add(after);
        }
        long[] ts = times.stream().mapToLong(Long::longValue).toArray();
        double[] rs = rates.stream().mapToDouble(Double::doubleValue).toArray();
        return RateProfile.of(ts, rs);
    }

    private static double factor(List<FaultSpec.TrafficSpike> spikes, long t) {
        double x = 1;
        for (FaultSpec.TrafficSpike f : spikes) {
            if (t >= f.at() && t < f.end()) {
                x *= f.factor();
            }
        }
        return x;
    }
}
