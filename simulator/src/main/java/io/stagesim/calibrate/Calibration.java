package io.stagesim.calibrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole fit: requests from the logs put into classes, CPU samples summed into windows of at
 * least {@code windowSeconds}, and per process group a {@link DemandFit} of its busy cores on the
 * classes' completions per second in the same windows. Requests count in the window their end falls
 * in; a window counts only inside the span of the log.
 */
public final class Calibration {

    /** What a class looked like in the log: its count, share, mean bytes and its time at the server (s). */
    public record ClassSummary(String name, long count, double share, double meanBytes, double meanSeconds,
            double cvSeconds, double p50Seconds, double p90Seconds, double errorShare, boolean writes) {
    }

    /** Everything calibrate found. */
    public record Result(List<ClassSummary> classes, Map<String, DemandFit.Result> fits, double spanSeconds,
            double ratePerS, int windows, double windowSeconds, List<String> notes, List<String> warnings,
            long proxyOnly, Map<String, double[]> perRequest, Map<String, Double> mixDemand) {

        /**
         * A process group's CPU seconds per request served (all classes), one figure per window: the
         * service demand law window by window, whose spread gives the mix's interval.
         */
        public double[] perRequest(String group) {
            return perRequest.get(group).clone();
        }

        /** A group's CPU seconds per request over all windows (the service demand law on the mix), or NaN. */
        public double mixDemand(String group) {
            return mixDemand.getOrDefault(group, Double.NaN);
        }
    }

    /** The name given to requests NGINX answered alone (no upstream time): static files. */
    public static final String PROXY_ONLY = "proxy_only";

    private Calibration() {
    }

    /**
     * Fits {@code cpu} (null for none: shares and times only) against {@code log}, classes by
     * {@code rules}, in windows of at least {@code windowSeconds}.
     */
    public static Result of(List<LogRecord> log, ClassRules rules, CpuSamples.Series cpu, double windowSeconds)
            throws CalibrationException {
        List<String> names = new ArrayList<>(rules.names());
        names.add(PROXY_ONLY);
        Map<String, List<LogRecord>> byClass = new LinkedHashMap<>();
        for (String n : names) {
            byClass.put(n, new ArrayList<>());
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long proxyOnly = 0;
        for (LogRecord r : log) {
            String c = r.servedByProxyAlone() ? PROXY_ONLY : rules.classify(r.method(), r.path());
            proxyOnly += r.servedByProxyAlone() ? 1 : 0;
            byClass.get(c).add(r);
            first = Math.min(first, r.endMs());
            last = Math.max(last, r.endMs());
        }
        byClass.values().removeIf(List::isEmpty);
        List<String> used = new ArrayList<>(byClass.keySet());
        double span = Math.max(1e-3, (last - first) / 1000.0);
        List<ClassSummary> classes = new ArrayList<>();
        for (Map.Entry<String, List<LogRecord>> e : byClass.entrySet()) {
            classes.add(summary(e.getKey(), e.getValue(), log.size()));
        }
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (byClass.containsKey(ClassRules.OTHER)) {
            warnings.add(byClass.get(ClassRules.OTHER).size() + " requests matched no --class rule (class 'other'), "
                    + "e.g. " + byClass.get(ClassRules.OTHER).get(0).method() + " "
                    + byClass.get(ClassRules.OTHER).get(0).path());
        }
        Map<String, DemandFit.Result> fits = new LinkedHashMap<>();
        Map<String, double[]> perRequest = new LinkedHashMap<>();
        Map<String, Double> mixDemand = new LinkedHashMap<>();
        int windows = 0;
        if (cpu != null) {
            notes.addAll(cpu.notes());
            List<long[]> bounds = windows(cpu.timesMs(), first, last, Math.round(windowSeconds * 1000));
            windows = bounds.size();
            if (windows == 0) {
                throw new CalibrationException("the CPU samples (" + cpu.timesMs()[0] + " to "
                        + cpu.timesMs()[cpu.timesMs().length - 1] + " ms since the epoch) do not overlap the log ("
                        + first + " to " + last + "): were they taken at the same time, on the same clock?");
            }
            double[][] rates = new double[windows][used.size()];
            for (int c = 0; c < used.size(); c++) {
                long[] ends = byClass.get(used.get(c)).stream().mapToLong(LogRecord::endMs).sorted().toArray();
                for (int w = 0; w < windows; w++) {
                    long a = cpu.timesMs()[(int) bounds.get(w)[0]];
                    long b = cpu.timesMs()[(int) bounds.get(w)[1]];
                    rates[w][c] = (after(ends, b) - after(ends, a)) / ((b - a) / 1000.0);
                }
            }
            for (Map.Entry<String, double[]> g : cpu.cpuSeconds().entrySet()) {
                double[] busy = new double[windows];
                for (int w = 0; w < windows; w++) {
                    int from = (int) bounds.get(w)[0];
                    int to = (int) bounds.get(w)[1];
                    double seconds = 0;
                    for (int k = from; k < to; k++) {
                        seconds += g.getValue()[k];
                    }
                    busy[w] = seconds / ((cpu.timesMs()[to] - cpu.timesMs()[from]) / 1000.0);
                }
                double[] each = new double[windows];
                double allSeconds = 0;
                double allRequests = 0;
                for (int w = 0; w < windows; w++) {
                    double length = (cpu.timesMs()[(int) bounds.get(w)[1]]
                            - cpu.timesMs()[(int) bounds.get(w)[0]]) / 1000.0;
                    double x = 0;
                    for (int c = 0; c < used.size(); c++) {
                        x += rates[w][c];
                    }
                    each[w] = x > 0 ? busy[w] / x : Double.NaN;
                    allSeconds += busy[w] * length;
                    allRequests += x * length;
                }
                perRequest.put(g.getKey(), each);
                mixDemand.put(g.getKey(), allRequests > 0 ? allSeconds / allRequests : Double.NaN);
                DemandFit.Result fit = DemandFit.fit(g.getKey(), busy, rates, used);
                if (used.size() > 1 && (fit.conditionNumber() > DemandFit.ILL_CONDITIONED
                        || windows < used.size() + 1 + 5)) {
                    double seconds = 0;
                    double[] counts = new double[used.size()];
                    for (int w = 0; w < windows; w++) {
                        double length = (cpu.timesMs()[(int) bounds.get(w)[1]]
                                - cpu.timesMs()[(int) bounds.get(w)[0]]) / 1000.0;
                        seconds += busy[w] * length;
                        for (int c = 0; c < used.size(); c++) {
                            counts[c] += rates[w][c] * length;
                        }
                    }
                    double[] weights = new double[used.size()];
                    for (int c = 0; c < used.size(); c++) {
                        weights[c] = summaryOf(classes, used.get(c)).meanSeconds();
                    }
                    fit = DemandFit.byServiceDemandLaw(g.getKey(), seconds, counts, weights, used, windows,
                            fit.warnings().stream().filter(x -> x.contains(" intervals for ")
                                    || x.contains("cannot be told apart")).toList());
                }
                fits.put(g.getKey(), fit);
                warnings.addAll(fit.warnings());
            }
        }
        return new Result(List.copyOf(classes), fits, span, log.size() / span, windows, windowSeconds,
                List.copyOf(notes), List.copyOf(warnings), proxyOnly, perRequest, mixDemand);
    }

    /** The CPU per request of the groups the scenario models (the service demand law on the mix), s. */
    public static double modelledDemand(Result r, String... groups) {
        double total = 0;
        for (String g : groups) {
            double d = g == null ? Double.NaN : r.mixDemand(g);
            total += Double.isNaN(d) ? 0 : d;
        }
        return total;
    }

    /**
     * The CPU per request off the critical path, from a capture taken one request at a time (a closed
     * loop of one connection): the modelled groups' CPU per request less the mean time at the server
     * (the log's, over the requests the app served); at least 0. A lower bound where the time at the
     * server holds waits that are not CPU.
     */
    public static double offPath(Result r, String... groups) {
        double seconds = 0;
        long n = 0;
        for (ClassSummary c : r.classes()) {
            if (!c.name().equals(PROXY_ONLY)) {
                seconds += c.meanSeconds() * c.count();
                n += c.count();
            }
        }
        return n == 0 ? 0 : Math.max(0, modelledDemand(r, groups) - seconds / n);
    }

    /**
     * Windows of consecutive sample intervals, each at least {@code length} ms long, inside
     * [first, last]: pairs of sample indices {from, to}.
     */
    static List<long[]> windows(long[] times, long first, long last, long length) {
        List<long[]> out = new ArrayList<>();
        int from = -1;
        for (int k = 0; k < times.length; k++) {
            if (times[k] < first) {
                continue;
            }
            if (times[k] > last) {
                break;
            }
            if (from < 0) {
                from = k;
            } else if (times[k] - times[from] >= length) {
                out.add(new long[] {from, k});
                from = k;
            }
        }
        return out;
    }

    private static ClassSummary summary(String name, List<LogRecord> rs, int total) {
        double[] t = new double[rs.size()];
        double bytes = 0;
        long errors = 0;
        long writes = 0;
        for (int i = 0; i < t.length; i++) {
            LogRecord r = rs.get(i);
            t[i] = r.servedByProxyAlone() ? r.seconds() : Double.isNaN(r.upstreamSeconds()) ? r.seconds()
                    : r.upstreamSeconds();
            bytes += r.bytes();
            errors += r.status() >= 500 ? 1 : 0;
            writes += switch (r.method()) {
                case "POST", "PUT", "PATCH", "DELETE" -> 1;
                default -> 0;
            };
        }
        double mean = Arrays.stream(t).average().orElse(0);
        double var = Arrays.stream(t).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, t.length - 1);
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        return new ClassSummary(name, rs.size(), rs.size() / (double) total, bytes / rs.size(), mean,
                mean > 0 ? Math.sqrt(var) / mean : 0, quantile(sorted, 0.5), quantile(sorted, 0.9),
                errors / (double) rs.size(), writes * 2 > rs.size());
    }

    private static ClassSummary summaryOf(List<ClassSummary> classes, String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** How many of the sorted {@code ends} are at or before {@code t}. */
    private static int after(long[] ends, long t) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The q-quantile of sorted values (the value at rank ceil(q·n)). */
    static double quantile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The file name shown for a path in notes. */
    static String shown(Path p) {
        return p == null ? "-" : p.toString();
    }
}
