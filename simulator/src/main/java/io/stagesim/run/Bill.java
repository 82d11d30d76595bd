package io.stagesim.run;

import io.stagesim.scenario.BrowserSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.ClientFront;
import io.stagesim.scenario.DatabaseProxySpec;
import io.stagesim.scenario.DatabaseSpec;
import io.stagesim.scenario.Elastic;
import io.stagesim.scenario.HostSpec;
import io.stagesim.scenario.LoadBalancerSpec;
import io.stagesim.scenario.PriceBook;
import io.stagesim.scenario.ProxySpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a replication's traffic costs per hour, line by line: fixed lines (hosts that run all the
 * time, a managed balancer's hour) and usage lines computed from what the run moved, as rates over
 * the measured period: instance-hours of hosts paid only while they run, the managed balancer's
 * LCU (the largest of its four dimensions), data transfer out to browsers through the monthly
 * tiers, a CDN's bytes and requests at its own price (grouped with data transfer out), object
 * storage requests. Without a price book only the hosts are billed, at their
 * {@code cost_per_hour}. The lines depend on the scenario alone, so replications line up.
 *
 * <p>Bytes are the sizes the scenario declares: each completed page view's response (its class's
 * {@code response_size}, gzipped by the front proxy if it compresses) and its assets (those the
 * browser cache leaves to fetch: a 304 has no body); HTTP headers, TLS and request bodies are left
 * out.
 */
public final class Bill {

    /** Rules a managed balancer evaluates per request: its default action only. */
    static final int RULES = 1;

    /** The groups of lines, for a stacked bar: machines, the managed balancer, data transfer, requests. */
    public static final java.util.List<String> CATEGORIES = java.util.List.of("machines", "load balancer",
            "data transfer out", "storage requests");

    /**
     * A line: what is paid for, its group (one of {@link #CATEGORIES}), whether it follows the traffic ({@code usage}) or the clock, how
     * much of it per hour in {@code unit}, and its price per hour. {@code detail} holds figures
     * behind the quantity (a balancer's LCU per dimension), in order; empty for most lines.
     */
    public record Line(String item, String category, boolean usage, double quantity, String unit, double perHour,
            Map<String, Double> detail) {
    }

    /**
     * What a replication measured that the bill needs: the measured period (s), page views offered,
     * page views completed per request class (the scenario's order), the mean latency of completed
     * page views (s), the time-average cost of hosts paid only while they run ($/h), per object
     * storage service its GETs, PUTs and bytes sent to browsers, and per burstable host in unlimited
     * mode the CPU it used above its baseline that its credits did not cover: vCPU-hours and $, each
     * per hour of the run; and per CDN the requests it served and the bytes it sent to browsers.
     */
    public record Usage(double seconds, long offered, long[] completed, double meanLatencyS, double elasticPerHour,
            Map<String, long[]> storage, Map<String, double[]> creditSurplus, Map<String, long[]> cdn) {
    }

    private Bill() {
    }

    /**
     * What a Multi-AZ database's standby adds to its host {@code h}: the price book's Multi-AZ price
     * less the single-AZ one when the host is priced as that managed database class, else a second
     * instance at the host's price.
     */
    private static double standbyPerHour(PriceBook book, HostSpec h) {
        PriceBook.Machine m = book == null || h.instance() == null ? null : book.machines().get(h.instance());
        if (m != null && "database".equals(m.kind()) && m.multiAzPerHour() > 0 && m.perHour() == h.costPerHour()) {
            return m.multiAzPerHour() - m.perHour();
        }
        return h.costPerHour();
    }

    /**
     * The client connections a page view opens to the balancer {@code lb} the browsers {@code b} talk
     * to, on average over the classes: one per request without keep-alive, else one with HTTP/2 over
     * TLS, else max(1, min(connections per host, assets from it)), times the share of page views that
     * do not reuse the previous one's (what {@code ClientConnections} does, the browser cache aside; a
     * visitor's reuse as {@link BrowserSpec#expectedReuse} expects it).
     */
    static double connectionsPerView(Scenario s, BrowserSpec b, ServiceSpec lb) {
        ClientFront f = lb.clientFront();
        boolean assetsHere = b.staticFrom() == null || b.staticFrom().equals(lb.name());
        double perView = 0;
        for (RequestSpec r : s.requests().values()) {
            int assets = assetsHere ? r.assets() : 0;
            double n = !f.keepAlive() ? 1 + assets : f.http2() && f.tls() != null ? 1
                    : Math.max(1, Math.min(b.connectionsPerHost(), assets));
            perView += r.share() * n;
        }
        return perView * (f.keepAlive() && f.keepAliveTimeout() > 0 ? 1 - b.expectedReuse(f.keepAliveTimeout()) : 1);
    }

    /** The bill of {@code s} for {@code u}. */
    public static List<Line> of(Scenario s, Usage u) {
        List<Line> lines = new ArrayList<>();
        PriceBook book = s.prices();
        Set<String> elastic = Elastic.hosts(s);
        for (HostSpec h : s.hosts().values()) {
            if (!elastic.contains(h.name()) && h.costPerHour() > 0) {
                lines.add(new Line("host " + h.name() + (h.instance() == null ? "" : " (" + h.instance() + ")"), "machines", false, 1,
                        "instance", h.costPerHour(), Map.of()));
            }
        }
        for (ServiceSpec sp : s.services().values()) {
            if (sp instanceof DatabaseSpec db && db.multiAz()) {
                HostSpec h = s.hosts().get(db.host());
                if (!elastic.contains(h.name()) && h.costPerHour() > 0) {
                    lines.add(new Line("standby of " + db.name() + " (Multi-AZ, as host " + h.name() + ")", "machines",
                            false, 1, "instance", standbyPerHour(book, h), Map.of()));
                }
            }
        }
        if (!elastic.isEmpty()) {
            double price = s.hosts().values().stream().filter(h -> elastic.contains(h.name()))
                    .mapToDouble(HostSpec::costPerHour).max().orElse(0);
            lines.add(new Line("hosts paid while running (autoscaling, deploys)", "machines", true,
                    price > 0 ? u.elasticPerHour() / price : 0, "instances", u.elasticPerHour(), Map.of()));
        }
        for (Map.Entry<String, double[]> e : u.creditSurplus().entrySet()) {
            lines.add(new Line("host " + e.getKey() + " CPU above its baseline (unlimited credits)", "machines", true,
                    e.getValue()[0], "vCPU-hours", e.getValue()[1], Map.of()));
        }
        if (book == null) {
            return lines;
        }
        double hours = u.seconds() / 3600;
        double perHourFactor = hours > 0 ? 1 / hours : 0;
        BrowserSpec b = s.browser();
        List<RequestSpec> classes = new ArrayList<>(s.requests().values());
        double pageBytes = 0;
        double ownAssetBytes = 0;
        long completed = 0;
        for (int i = 0; i < classes.size(); i++) {
            RequestSpec r = classes.get(i);
            completed += u.completed()[i];
            pageBytes += (double) u.completed()[i] * responseBytes(s, r);
            if (b.staticFrom() == null) {
                ownAssetBytes += (double) u.completed()[i] * r.assets() * r.assetSize()
                        * (b.cache() == null ? 1 : b.cache().fetchedShare());
            }
        }
        for (ServiceSpec sp : s.services().values()) {
            if (sp instanceof LoadBalancerSpec lb && lb.host() == null && book.balancer() != null) {
                PriceBook.Balancer p = book.balancer();
                boolean front = lb.name().equals(b.target());
                double newPerS = front ? u.offered() * connectionsPerView(s, b, lb) / Math.max(1e-9, u.seconds()) : 0;
                double processedGb = (pageBytes + (front ? ownAssetBytes : 0)) / 1e9 * perHourFactor;
                Map<String, Double> dims = new LinkedHashMap<>();
                dims.put("new_connections", newPerS / p.newConnections());
                dims.put("active_connections", newPerS * u.meanLatencyS() / p.activeConnections());
                dims.put("processed_bytes", processedGb / p.processedGb());
                dims.put("rule_evaluations", Math.max(0, RULES - p.freeRules()) * newPerS / p.ruleEvaluations());
                double lcu = dims.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                lines.add(new Line("load balancer " + lb.name() + " (hour)", "load balancer", false, 1, "balancer", p.perHour(),
                        Map.of()));
                lines.add(new Line("load balancer " + lb.name() + " (LCU)", "load balancer", true, lcu, "LCU", lcu * p.perLcuHour(), dims));
            }
        }
        if (book.databaseProxy() != null) {
            for (ServiceSpec sp : s.services().values()) {
                if (sp instanceof DatabaseProxySpec proxy) {
                    HostSpec h = s.hosts().get(s.services().get(proxy.database()).host());
                    int vcpus = Math.max(book.databaseProxy().minVcpus(), h.cores());
                    lines.add(new Line("database proxy " + proxy.name() + " (" + vcpus + " vCPUs, as host " + h.name()
                            + ")", "machines", false, vcpus, "vCPU", book.databaseProxy().perHour(h.cores()), Map.of()));
                }
            }
        }
        if (book.transferOut() != null) {
            double ownGb = (pageBytes + ownAssetBytes) / 1e9 * perHourFactor;
            Map<String, Double> storageGb = new LinkedHashMap<>();
            double total = ownGb;
            for (Map.Entry<String, long[]> e : u.storage().entrySet()) {
                double gb = e.getValue()[2] / 1e9 * perHourFactor;
                storageGb.put(e.getKey(), gb);
                total += gb;
            }
            double cost = book.transferOut().perHour(total);
            double rate = total > 0 ? cost / total : 0;
            lines.add(new Line("data transfer out from our servers", "data transfer out", true, ownGb, "GB", ownGb * rate, Map.of()));
            for (Map.Entry<String, Double> e : storageGb.entrySet()) {
                lines.add(new Line("data transfer out from " + e.getKey(), "data transfer out", true, e.getValue(), "GB",
                        e.getValue() * rate, Map.of()));
            }
        }
        if (book.cdn() != null) { // its own price, not the tiers: origin fetches into it are free
            for (Map.Entry<String, long[]> e : u.cdn().entrySet()) {
                double requests = e.getValue()[0] * perHourFactor;
                double gb = e.getValue()[1] / 1e9 * perHourFactor;
                lines.add(new Line("data transfer out from " + e.getKey() + " (CDN)", "data transfer out", true, gb,
                        "GB", gb * book.cdn().perGb(), Map.of()));
                lines.add(new Line(e.getKey() + " (CDN) requests", "data transfer out", true, requests, "requests",
                        requests / 10_000 * book.cdn().per10kRequests(), Map.of()));
            }
        }
        if (book.storage() != null) {
            for (Map.Entry<String, long[]> e : u.storage().entrySet()) {
                double gets = e.getValue()[0] * perHourFactor;
                lines.add(new Line(e.getKey() + " GET requests", "storage requests", true, gets, "requests",
                        gets / 1000 * book.storage().getPer1000(), Map.of()));
                if (uploads(s, e.getKey())) {
                    double puts = e.getValue()[1] * perHourFactor;
                    lines.add(new Line(e.getKey() + " PUT requests", "storage requests", true, puts, "requests",
                            puts / 1000 * book.storage().putPer1000(), Map.of()));
                }
            }
        }
        return lines;
    }

    /** The bytes of a page view's response as sent to the browser: gzipped when the front proxy compresses. */
    public static double responseBytes(Scenario s, RequestSpec r) {
        ServiceSpec front = s.services().get(s.browser().target());
        return r.responseSize() * (front instanceof ProxySpec p ? p.gzip().ratio() : 1);
    }

    private static boolean uploads(Scenario s, String storage) {
        for (RequestSpec r : s.requests().values()) {
            if (r.directUpload() != null && storage.equals(r.directUpload().storage())) {
                return true;
            }
            if (r.view() != null) {
                for (CallSpec c : r.view().calls()) {
                    if (storage.equals(c.service()) && c.upload() > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The total per hour. */
    public static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::perHour).sum();
    }

    /** {@code perHour} over the page views completed in an hour at this rate, per million; NaN with none. */
    public static double perMillion(double perHour, long completed, double seconds) {
        return completed > 0 && seconds > 0 ? perHour / (completed / seconds * 3600) * 1e6 : Double.NaN;
    }
}
