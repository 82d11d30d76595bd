package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.util.List;

/**
 * Where page views come from: open arrivals (a rate over time, piecewise linear through
 * {@code profile}) or a closed population of {@code users} who think between page views.
 */
public sealed interface WorkloadSpec {

    /** A point of an open arrival-rate profile: from {@code at} ns, {@code rate} per second. */
    record RatePoint(long at, double rate) {
    }

    /**
     * Open arrivals whose rate of page views follows the profile (one point = a constant rate): Poisson
     * page views, or, with {@code visits}, Poisson visits of {@code visits.pageViews()} page views each.
     */
    record Open(List<RatePoint> profile, Visits visits) implements WorkloadSpec {
        /** Copies the list. */
        public Open {
            profile = List.copyOf(profile);
        }

        /** Poisson page views with no visits. */
        public Open(List<RatePoint> profile) {
            this(profile, null);
        }

        /** The same arrivals (and visits) following another profile. */
        public Open withProfile(List<RatePoint> other) {
            return new Open(other, visits);
        }
    }

    /**
     * An open workload's visitors: each visit makes {@code pageViews} page views, one after another,
     * with {@code think} between the end of one and the start of the next; visits arrive as a Poisson
     * stream at the profile's rate over {@code pageViews}, so page views still come at the profile's rate.
     */
    record Visits(int pageViews, Distribution think) {
        /** Checks the bounds. */
        public Visits {
            if (pageViews < 1) {
                throw new IllegalArgumentException("visits.page_views must be >= 1, was " + pageViews);
            }
            if (think == null) {
                throw new IllegalArgumentException("visits.think is required");
            }
        }
    }

    /** A closed population with think time between page views. */
    record Closed(int users, Distribution think) implements WorkloadSpec {
    }
}
