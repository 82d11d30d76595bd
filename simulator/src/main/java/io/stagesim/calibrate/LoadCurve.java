package io.stagesim.calibrate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A host's {@code demand_scale} fitted from a measured load curve: CPU per request at several load
 * levels. The CSV has a header and one line per level:
 * {@code concurrency,throughput_per_s,cpu_ms_per_request} — the closed loop's connections (or the
 * mean requests in the system), the requests completed per second and the CPU of every process the
 * scenario models on that host, per request (the service demand law, U/X). The jobs on the CPU at a
 * level are estimated as min(concurrency, {@code maxJobs}), the most requests that can hold the CPU
 * at once (the app server's workers); levels with the same estimate are pooled (their CPU over
 * their requests), and scale(n) is their CPU per request over the lowest level's, the level the
 * demands were measured at.
 */
public final class LoadCurve {

    /** One level of the curve. */
    public record Level(double concurrency, double throughput, double cpuMs) {
    }

    /** The fitted table: jobs on the CPU → scale, in order; and the levels read. */
    public record Result(TreeMap<Integer, Double> scale, List<Level> levels, int maxJobs) {

        /** The table as the scenario writes it, e.g. {@code {1: 100%, 2: 81.6%}}. */
        public String yaml() {
            StringBuilder sb = new StringBuilder("{");
            scale.forEach((n, s) -> sb.append(sb.length() > 1 ? ", " : "").append(n).append(": ")
                    .append(new BigDecimal(s * 100).round(new MathContext(4, RoundingMode.HALF_EVEN))
                            .stripTrailingZeros().toPlainString()).append('%'));
            return sb.append('}').toString();
        }
    }

    private static final String HEADER = "concurrency,throughput_per_s,cpu_ms_per_request";

    private LoadCurve() {
    }

    /** Reads the CSV; a bad line is a located message. */
    public static List<Level> read(Path file) throws CalibrationException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CalibrationException("cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new CalibrationException(file + ":1:1: expected the header '" + HEADER + "'");
        }
        List<Level> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw new CalibrationException(String.format(Locale.ROOT, "%s:%d:1: expected 3 fields (%s), found %d",
                        file, i + 1, HEADER, f.length));
            }
            double[] v = new double[3];
            int column = 1;
            for (int k = 0; k < 3; k++) {
                try {
                    v[k] = Double.parseDouble(f[k].strip());
                } catch (NumberFormatException e) {
                    v[k] = Double.NaN;
                }
                if (!(v[k] > 0) || Double.isInfinite(v[k])) {
                    throw new CalibrationException(String.format(Locale.ROOT, "%s:%d:%d: '%s' should be a number "
                            + "above 0 (%s)", file, i + 1, column, f[k].strip(), HEADER.split(",")[k]));
                }
                column += f[k].length() + 1;
            }
            out.add(new Level(v[0], v[1], v[2]));
        }
        if (out.isEmpty()) {
            throw new CalibrationException(file + ":2:1: no levels: give at least two lines after the header");
        }
        return out;
    }

    /** Fits the table from {@code levels}, the jobs on the CPU estimated as min(concurrency, maxJobs). */
    public static Result fit(List<Level> levels, int maxJobs) throws CalibrationException {
        if (maxJobs < 1) {
            throw new CalibrationException("the most jobs on the CPU must be at least 1, was " + maxJobs);
        }
        TreeMap<Integer, double[]> pooled = new TreeMap<>();
        for (Level l : levels) {
            int n = (int) Math.max(1, Math.min(maxJobs, Math.round(l.concurrency())));
            double[] p = pooled.computeIfAbsent(n, k -> new double[2]);
            p[0] += l.throughput() * l.cpuMs();
            p[1] += l.throughput();
        }
        double base = pooled.firstEntry().getValue()[0] / pooled.firstEntry().getValue()[1];
        TreeMap<Integer, Double> scale = new TreeMap<>();
        pooled.forEach((n, p) -> scale.put(n, p[0] / p[1] / base));
        for (double s : scale.values()) {
            if (s < 0.01 || s > 100) {
                throw new CalibrationException(String.format(Locale.ROOT, "a fitted scale of %.4f is outside 1 %% to "
                        + "10,000 %%: the curve's CPU per request changes more than a hundredfold", s));
            }
        }
        return new Result(scale, List.copyOf(levels), maxJobs);
    }
}
