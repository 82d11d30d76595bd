package io.stagesim.workload;

/** Where page views come from one visitor at a time: told when a visitor's page view ends. */
public interface Visitors {

    /** Visitor {@code visitor}'s page view ended: it thinks, then goes on (or leaves). */
    void done(int visitor);
}
