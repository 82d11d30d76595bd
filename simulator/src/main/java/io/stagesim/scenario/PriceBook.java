package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider's prices in one region, read from {@code scenarios/prices/<name>.yaml}: machines
 * (instance types, managed database classes, managed cache nodes), data transfer out to the
 * internet by monthly tier, the managed load balancer (hourly plus LCU-hours, an LCU being the
 * most used of four dimensions), object storage, a CDN, a managed database proxy. Every price carries where it was read and
 * when ({@link Source}). Monthly prices become hourly ones over {@link #HOURS_PER_MONTH} hours.
 */
public record PriceBook(String name, String provider, String region, String currency,
        Map<String, Machine> machines, Transfer transferOut, Balancer balancer, ObjectStorage storage, Cdn cdn,
        DatabaseStorage databaseStorage, DatabaseProxy databaseProxy) {

    /** Hours in the month that monthly prices and tiers are spread over (the providers' own convention). */
    public static final double HOURS_PER_MONTH = 730;

    /** Immutable copy, in the file's order. */
    public PriceBook {
        machines = Collections.unmodifiableMap(new LinkedHashMap<>(machines));
    }

    /** Where a price was read, when (year-month), and whether it is our estimate rather than a list price. */
    public record Source(String url, String read, boolean estimate) {
    }

    /**
     * A machine one can rent by the hour: {@code kind} instance, database (a managed database class,
     * {@code perHour} single-AZ and {@code multiAzPerHour} Multi-AZ) or cache (a managed cache node).
     * For a burstable instance, {@code baseline} is the share of each vCPU it may use on average and
     * {@code creditsPerHour} the CPU credits it earns (NaN when not burstable); network bandwidth in
     * Gbit/s ("up to" for most small types).
     */
    public record Machine(String name, String kind, int vcpus, long memory, double networkGbps, double baseline,
            double creditsPerHour, double perHour, double multiAzPerHour, Source source) {
    }

    /** A tier of data transfer out: the next GB up to {@code upToGb} in the month (infinite: the rest) cost {@code perGb}. */
    public record Tier(double upToGb, double perGb) {
    }

    /** Data transfer out to the internet: the first {@code freeGb} of a month free, then by tier. */
    public record Transfer(double freeGb, List<Tier> tiers, Source source) {

        /** Immutable copy. */
        public Transfer {
            tiers = List.copyOf(tiers);
        }

        /**
         * What {@code gbPerHour} sent steadily costs per hour: a month of it priced through the free
         * allowance and the tiers, spread back over the month's hours.
         */
        public double perHour(double gbPerHour) {
            double month = gbPerHour * HOURS_PER_MONTH;
            double cost = 0;
            double from = freeGb;
            for (Tier t : tiers) {
                if (month <= from) {
                    break;
                }
                double upTo = Math.max(from, t.upToGb());
                cost += (Math.min(month, upTo) - from) * t.perGb();
                from = upTo;
            }
            return cost / HOURS_PER_MONTH;
        }
    }

    /**
     * A managed load balancer: per hour, and per LCU-hour, an LCU being the largest of new
     * connections per second / {@code newConnections}, active connections / {@code activeConnections},
     * processed GB per hour / {@code processedGb}, and rule evaluations per second beyond the
     * {@code freeRules} first rules of each request / {@code ruleEvaluations}.
     */
    public record Balancer(double perHour, double perLcuHour, double newConnections, double activeConnections,
            double processedGb, double ruleEvaluations, int freeRules, Source source) {
    }

    /** Object storage: per 1,000 GET and PUT requests, per GB-month stored. */
    public record ObjectStorage(double getPer1000, double putPer1000, double perGbMonth, Source source) {
    }

    /** A CDN: per GB sent to clients (first tier) and per 10,000 HTTPS requests. */
    public record Cdn(double perGb, double per10kRequests, Source source) {
    }

    /**
     * A managed database proxy (RDS Proxy): per vCPU of the database instance behind it per hour,
     * at least {@code minVcpus} of them billed.
     */
    public record DatabaseProxy(double perVcpuHour, int minVcpus, Source source) {

        /** What a proxy in front of a database host of {@code vcpus} costs per hour. */
        public double perHour(int vcpus) {
            return Math.max(minVcpus, vcpus) * perVcpuHour;
        }
    }

    /** Managed database storage per GB-month, single-AZ and Multi-AZ. */
    public record DatabaseStorage(double perGbMonth, double multiAzPerGbMonth, Source source) {
    }

    /** The machine named {@code name}, or null. */
    public Machine machine(String name) {
        return machines.get(name);
    }

    /** The names of every machine, for suggestions. */
    public List<String> machineNames() {
        return new ArrayList<>(machines.keySet());
    }
}
