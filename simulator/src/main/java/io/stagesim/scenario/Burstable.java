package io.stagesim.scenario;

/**
 * A burstable host's CPU credits (AWS T-family): it earns credits at {@code baseline} of each core
 * and spends them above it; one credit is one core at 100 % for one minute. {@code credits} is the
 * balance at the start of the run and {@code maxCredits} the most it can hold (both in credits,
 * i.e. vCPU-minutes). When the balance is gone a {@code standard} host is throttled to its
 * baseline; an {@code unlimited} one runs on and the surplus is billed at
 * {@code surplusPerVcpuHour}.
 */
public record Burstable(double baseline, double credits, double maxCredits, boolean unlimited,
        double surplusPerVcpuHour) {

    /** Name of the level that records the balance over time, at the host's name in results. */
    public static final String LEVEL = "cpu_credits";

    /** Hours of earnings the balance can hold by default (AWS: 24 hours' worth). */
    public static final double MAX_HOURS = 24;

    /** Checks the figures. */
    public Burstable {
        if (!(baseline > 0 && baseline < 1)) {
            throw new IllegalArgumentException("baseline must be above 0 and below 100%, was " + baseline);
        }
        if (!(maxCredits > 0) || Double.isInfinite(maxCredits)) {
            throw new IllegalArgumentException("max_credits must be > 0, was " + maxCredits);
        }
        if (!(credits >= 0 && credits <= maxCredits)) {
            throw new IllegalArgumentException("credits must be between 0 and max_credits (" + maxCredits
                    + "), was " + credits);
        }
        if (!(surplusPerVcpuHour >= 0) || Double.isInfinite(surplusPerVcpuHour)) {
            throw new IllegalArgumentException("surplus_per_vcpu_hour must be >= 0, was " + surplusPerVcpuHour);
        }
    }

    /** Credits earned per hour by a host of {@code cores} cores: baseline × cores × 60. */
    public double earnedPerHour(int cores) {
        return baseline * cores * 60;
    }
}
