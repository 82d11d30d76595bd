package io.stagesim.run;

import io.stagesim.assembly.ModelBuilder;
import io.stagesim.assembly.WebModel;
import io.stagesim.engine.Engine;
import io.stagesim.model.PoolResult;
import io.stagesim.model.PsHost;
import io.stagesim.model.StationResult;
import io.stagesim.nodes.ClassStats;
import io.stagesim.nodes.ErrorKind;
import io.stagesim.operations.Operations;
import io.stagesim.scenario.Elastic;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.scenario.HostSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.SloSpec;
import io.stagesim.scenario.WorkloadSpec;
import io.stagesim.stats.LatencyRecorder;
import io.stagesim.stats.LatencySummary;
import io.stagesim.stats.LogHistogram;
import io.stagesim.stats.Mser;
import io.stagesim.stats.Windows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished replication's statistics windows say: the run window by window, and what the
 * page views that met each fault became (with the time it took to recover from it).
 */
final class Measurements {

    private Measurements() {
    }

    /**
     * The latency a page view must complete within to count towards goodput: the objective's p99
     * bound, else its p95, else its p50; 0 (any completed page view counts) without one.
     */
    static long goodLatency(SloSpec slo) {
        return slo.p99() > 0 ? slo.p99() : slo.p95() > 0 ? slo.p95() : Math.max(0, slo.p50());
    }

    /** Windows in a row that must be back inside normal variation for a fault to count as recovered from. */
    static final int RECOVERY_WINDOWS = 5;

    /**
     * Time to recover from {@code f} (s): from its end to the start of the first run of
     * {@link #RECOVERY_WINDOWS} windows whose p99 and share of failed page views are all no higher
     * than the highest of the measured windows before the fault (back inside the variation seen
     * before it). Infinite when the run ends first; NaN for a permanent fault, or with fewer than
     * {@link #RECOVERY_WINDOWS} measured windows before it to tell what normal is.
     */
    static double recoverySeconds(ReplicationResult.Series s, double measuredFromS, FaultSpec f,
            long endNs) {
        if (endNs == Long.MAX_VALUE) {
            return Double.NaN;
        }
        double at = f.at() / 1e9;
        double end = endNs / 1e9;
        double w = s.windowSeconds();
        int n = s.start().length;
        double maxP99 = Double.NEGATIVE_INFINITY;
        double maxFailed = Double.NEGATIVE_INFINITY;
        int before = 0;
        for (int i = 0; i < n; i++) {
            if (s.start()[i] >= measuredFromS - 1e-9 && s.start()[i] + w <= at + 1e-9) {
                before++;
                maxP99 = Math.max(maxP99, Double.isNaN(s.p99()[i]) ? 0 : s.p99()[i]);
                maxFailed = Math.max(maxFailed, failedShare(s, i));
            }
        }
        if (before < RECOVERY_WINDOWS) {
            return Double.NaN;
        }
        int run = 0;
        for (int i = 0; i < n - 1; i++) { // the last window may be cut short by the end of the run
            if (s.start()[i] < end - 1e-9) {
                continue;
            }
            boolean normal = failedShare(s, i) <= maxFailed && (Double.isNaN(s.p99()[i]) ? s.completed()[i] == 0
                    : s.p99()[i] <= maxP99);
            run = normal ? run + 1 : 0;
            if (run == RECOVERY_WINDOWS) {
                return Math.max(0, s.start()[i - RECOVERY_WINDOWS + 1] - end);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double failedShare(ReplicationResult.Series s, int i) {
        long failed = 0;
        for (long[] e : s.errors().values()) {
            failed += e[i];
        }
        long all = failed + s.completed()[i];
        return all == 0 ? 0 : failed / (double) all;
    }

    /**
     * What met each fault, every class together, over the windows that overlap it: the page views
     * open at some time in them (arrived by the last, not ended before the first), by outcome; the
     * CPU wasted in them; what it lost, when it was detected and recovered from.
     */
    static List<ReplicationResult.FaultRow> faultRows(Scenario scenario, WebModel m, ReplicationResult.Series series) {
        List<ReplicationResult.FaultRow> rows = new ArrayList<>();
        Windows w = m.simulation().windows();
        for (int n = 0; n < scenario.faults().size(); n++) {
            FaultSpec f = scenario.faults().get(n);
            long fEnd = m.endOf(f);
            // The windows overlapping the fault, first to last (none for a fault after the end of the run).
            int first = -1;
            int last = -1;
            for (int i = 0; i < w.count(); i++) {
                long start = w.start(i);
                if (start + w.length(i) > f.at() && start < fEnd && w.length(i) > 0) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            // The page views that met it: open at some time in those windows, so arrived by the last of
            // them and not ended before the first. Counted by outcome as those whose arrival window is at
            // most the last, less those whose outcome came before the first (they arrived before it too);
            // those of the first kind without an outcome at the end of the run are unfinished.
            long completed = 0;
            long unfinished = 0;
            long wasted = 0;
            long[] failedBy = new long[ErrorKind.values().length];
            LogHistogram h = new LogHistogram(LatencyRecorder.WINDOW_PRECISION);
            for (ClassStats c : first < 0 ? new ClassStats[0] : m.classStats()) {
                for (int i = 0; i <= last; i++) {
                    long ended = c.completedByArrival.count(i);
                    completed += ended;
                    h.add(c.completedByArrival.histogram(i));
                    for (ErrorKind k : ErrorKind.values()) {
                        failedBy[k.ordinal()] += c.errorsByArrival[k.ordinal()].count(i);
                        ended += c.errorsByArrival[k.ordinal()].count(i);
                    }
                    unfinished += c.offered.count(i) - ended;
                }
                for (int i = 0; i < first; i++) {
                    completed -= c.completed.count(i);
                    h.subtract(c.latency.histogram(i));
                    for (ErrorKind k : ErrorKind.values()) {
                        failedBy[k.ordinal()] -= c.errors[k.ordinal()].count(i);
                    }
                }
                for (int i = first; i <= last; i++) {
                    wasted += c.wastedCpu.count(i);
                }
            }
            long failed = 0;
            Map<String, Long> causes = new LinkedHashMap<>();
            for (ErrorKind k : ErrorKind.values()) {
                failed += failedBy[k.ordinal()];
                causes.put(k.key(), failedBy[k.ordinal()]);
            }
            if (completed < 0 || unfinished < 0 || java.util.Arrays.stream(failedBy).anyMatch(x -> x < 0)) {
                throw new IllegalStateException("page views counted by arrival and by outcome disagree for "
                        + f.describe() + ": completed " + completed + ", unfinished " + unfinished + ", failed "
                        + causes);
            }
            long offered = completed + failed + unfinished;
            long bound = goodLatency(scenario.slo());
            double good = bound == 0 ? completed : completed * (1 - h.fractionAbove(bound));
            boolean late = f.at() >= w.end(); // it would have started after the run ended: it never happened
            rows.add(new ReplicationResult.FaultRow(f.describe(), offered, completed, failed, good,
                    h.count() == 0 ? Double.NaN : h.quantile(0.99) / 1e6, m.dataLost(f), m.detectedAfterSeconds(f),
                    late ? Double.NaN : recoverySeconds(series, w.measuredFrom() / 1e9, f, fEnd), wasted / 1e9,
                    m.faultHappens(n) && !late, causes,
                    fEnd == Long.MAX_VALUE || late ? Double.NaN : (fEnd - f.at()) / 1e9, unfinished));
        }
        return rows;
    }

    /** The run window by window, every class together. */
    static ReplicationResult.Series series(WebModel m) {
        Windows w = m.simulation().windows();
        int n = w.count();
        double[] start = new double[n];
        long[] offered = new long[n];
        long[] completed = new long[n];
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        double[] p99 = new double[n];
        Map<String, long[]> errors = new LinkedHashMap<>();
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k.key(), new long[n]);
        }
        for (int i = 0; i < n; i++) {
            start[i] = w.start(i) / 1e9;
            LogHistogram h = null;
            for (ClassStats c : m.classStats()) {
                offered[i] += c.offered.count(i);
                completed[i] += c.completed.count(i);
                for (ErrorKind k : ErrorKind.values()) {
                    errors.get(k.key())[i] += c.errors[k.ordinal()].count(i);
                }
                LogHistogram ch = c.latency.histogram(i);
                if (ch != null && ch.count() > 0) {
                    if (h == null) {
                        h = ch.copy();
                    } else {
                        h.add(ch);
                    }
                }
            }
            p50[i] = h == null ? Double.NaN : h.quantile(0.5) / 1e6;
            p95[i] = h == null ? Double.NaN : h.quantile(0.95) / 1e6;
            p99[i] = h == null ? Double.NaN : h.quantile(0.99) / 1e6;
        }
        Map<String, double[]> levels = new LinkedHashMap<>();
        for (WebModel.LabelledLevel l : m.levels()) {
            levels.put(l.service() + " " + l.what(), perWindow(w, l.level(), 1));
        }
        List<ReplicationResult.ClassSeries> classes = new ArrayList<>();
        for (ClassStats c : m.classStats()) {
            long[] done = new long[n];
            double[] c50 = new double[n];
            double[] c99 = new double[n];
            for (int i = 0; i < n; i++) {
                done[i] = c.completed.count(i);
                LogHistogram h = c.latency.histogram(i);
                boolean none = h == null || h.count() == 0;
                c50[i] = none ? Double.NaN : h.quantile(0.5) / 1e6;
                c99[i] = none ? Double.NaN : h.quantile(0.99) / 1e6;
            }
            classes.add(new ReplicationResult.ClassSeries(c.name, done, c50, c99));
        }
        List<ReplicationResult.UtilizationSeries> utilization = new ArrayList<>();
        for (Map.Entry<String, io.stagesim.model.PsHost> e : m.hostCpus().entrySet()) {
            int cores = e.getValue().servers();
            utilization.add(new ReplicationResult.UtilizationSeries(e.getKey(),
                    ReplicationResult.UtilizationSeries.hostCpu(e.getKey()), cores,
                    perWindow(w, e.getValue().busyServers(), cores)));
        }
        for (WebModel.LabelledPool p : m.pools()) {
            int units = p.pool().units();
            utilization.add(new ReplicationResult.UtilizationSeries(p.service(), p.resource(), units,
                    perWindow(w, p.pool().unitsInUse(), units)));
        }
        for (WebModel.LabelledStation st : m.stations()) {
            int servers = st.station().servers();
            if (servers > 0) { // a pure delay has no utilisation
                utilization.add(new ReplicationResult.UtilizationSeries(st.owner(), st.resource(), servers,
                        perWindow(w, st.station().busyServers(), servers)));
            }
        }
        return new ReplicationResult.Series(w.width() / 1e9, start, offered, completed, p50, p95, p99, errors, levels,
                List.copyOf(classes), List.copyOf(utilization));
    }

    /** The time-average of {@code level} in each window over {@code capacity}; NaN in a window of no length. */
    private static double[] perWindow(Windows w, io.stagesim.stats.LevelRecorder level, int capacity) {
        double[] v = new double[w.count()];
        for (int i = 0; i < v.length; i++) {
            v[i] = w.length(i) == 0 ? Double.NaN : level.area(i) / w.length(i) / capacity;
        }
        return v;
    }
}
