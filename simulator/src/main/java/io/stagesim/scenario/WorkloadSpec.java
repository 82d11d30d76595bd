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

    /** Open Poisson arrivals whose rate follows the profile (one point = a constant rate). */
    record Open(List<RatePoint> profile) implements WorkloadSpec {
        /** Copies the list. */
        public Open {
            profile = List.copyOf(profile);
        }
    }

    /** A closed population with think time between page views. */
    record Closed(int users, Distribution think) implements WorkloadSpec {
    }
}
