package io.stagesim.scenario;

import io.stagesim.random.Distribution;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human units as written in scenario files, converted once at load time: durations ({@code 250ms},
 * {@code 1.5s}), rates ({@code 500/s}, {@code 30/min}), sizes ({@code 64MiB}, {@code 10MB}) and
 * fractions ({@code 40%} or {@code 0.4}). Every method throws {@link IllegalArgumentException}
 * with a message that shows an example of what would be right.
 */
public final class Units {

    private static final Pattern NUMBER_UNIT =
            Pattern.compile("\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([a-zA-Zµ%/]*)\\s*");

    private Units() {
    }

    /** A duration such as {@code 250ms}, {@code 1.5s}, {@code 20us}, {@code 2min}, in ns. */
    public static long duration(String text) {
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 250ms or 1.5s, was '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        double scale = switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min", "m" -> 60e9;
            case "h" -> 3600e9;
            case "" -> value == 0 ? 1 : Double.NaN;
            default -> Double.NaN;
        };
        if (Double.isNaN(scale)) {
            throw new IllegalArgumentException("'" + text + "' needs a time unit: ns, us, ms, s, min or h (e.g. 250ms)");
        }
        double ns = value * scale;
        if (!(ns >= 0) || ns > 100 * 365 * 24 * 3600e9) {
            throw new IllegalArgumentException("duration must be between 0 and 100 years, was '" + text + "'");
        }
        return Math.round(ns);
    }

    /** A rate such as {@code 500/s}, {@code 30/min} or {@code 2/ms}, per second. */
    public static double rate(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected a rate such as 500/s or 30/min, was '" + text + "'");
        }
        double value;
        try {
            value = Double.parseDouble(t.substring(0, slash).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a rate such as 500/s or 30/min, was '" + text + "'");
        }
        double per = switch (t.substring(slash + 1).trim()) {
            case "s", "sec" -> 1;
            case "ms" -> 1e-3;
            case "min", "m" -> 60;
            case "h" -> 3600;
            default -> Double.NaN;
        };
        if (Double.isNaN(per)) {
            throw new IllegalArgumentException("rate '" + text + "' needs a time unit after '/': ms, s, min or h");
        }
        double r = value / per;
        if (!(r >= 0) || Double.isInfinite(r) || r > 1e9) {
            throw new IllegalArgumentException("rate must be between 0/s and 1e9/s, was '" + text + "'");
        }
        return r;
    }

    /** A size such as {@code 64MiB}, {@code 10MB} or {@code 512B}, in bytes. */
    public static long size(String text) {
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 64MiB or 10MB, was '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2)) {
            case "B" -> 1;
            case "KB", "kB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            case "KiB" -> 1024.0;
            case "MiB" -> 1024.0 * 1024;
            case "GiB" -> 1024.0 * 1024 * 1024;
            case "TiB" -> 1024.0 * 1024 * 1024 * 1024;
            case "" -> value == 0 ? 1 : Double.NaN;
            default -> Double.NaN;
        };
        if (Double.isNaN(scale)) {
            throw new IllegalArgumentException(
                    "'" + text + "' needs a size unit: B, KB, MB, GB, KiB, MiB or GiB (e.g. 64MiB)");
        }
        double bytes = value * scale;
        if (!(bytes >= 0) || bytes > 1e18) {
            throw new IllegalArgumentException("size must be between 0 and 1 EB, was '" + text + "'");
        }
        return Math.round(bytes);
    }

    /**
     * A bandwidth such as {@code 1Gbps}, {@code 50Mbps}, {@code 750kbps} (bits per second, SI) or
     * {@code 100MB/s} (bytes per second), in bytes per second; greater than 0.
     */
    public static double bandwidth(String text) {
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a bandwidth such as 1Gbps, 50Mbps or 100MB/s, was '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2)) {
            case "bps" -> 1 / 8.0;
            case "kbps", "Kbps" -> 1e3 / 8;
            case "Mbps" -> 1e6 / 8;
            case "Gbps" -> 1e9 / 8;
            case "B/s" -> 1;
            case "KB/s", "kB/s" -> 1e3;
            case "MB/s" -> 1e6;
            case "GB/s" -> 1e9;
            default -> Double.NaN;
        };
        if (Double.isNaN(scale)) {
            throw new IllegalArgumentException("'" + text + "' needs a bandwidth unit: bps, kbps, Mbps, Gbps (bits per"
                    + " second) or B/s, KB/s, MB/s, GB/s (bytes per second), e.g. 1Gbps");
        }
        double bytes = value * scale;
        if (!(bytes > 0) || bytes > 1e15) {
            throw new IllegalArgumentException("bandwidth must be greater than 0 and at most 8 Pbps, was '" + text + "'");
        }
        return bytes;
    }

    /** A bandwidth in bytes per second written in bits per second: {@code 1Gbps}, {@code 10.24Mbps}. */
    public static String formatBandwidth(double bytesPerSecond) {
        double bits = bytesPerSecond * 8;
        if (bits >= 1e9) {
            return trim(bits / 1e9) + "Gbps";
        }
        if (bits >= 1e6) {
            return trim(bits / 1e6) + "Mbps";
        }
        return trim(bits / 1e3) + "kbps";
    }

    /** A fraction: {@code 40%} or {@code 0.4}, between 0 and 1. */
    public static double fraction(String text) {
        double v = ratio(text, "a fraction such as 40% or 0.4");
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1 (0% to 100%), was '" + text + "'");
        }
        return v;
    }

    /** A number written plainly (0.4) or as a percentage (40%); {@code expected} names the form in a message. */
    static double ratio(String text, String expected) {
        String t = text.trim();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
                    : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected + ", was '" + text + "'");
        }
    }

    /** Formats nanoseconds in the largest unit that keeps it readable: 250ms, 1.5s, 20us. */
    public static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000_000L == 0 || nanos >= 10_000_000_000L) {
            return trim(nanos / 1e9) + "s";
        }
        if (nanos >= 1_000_000) {
            return trim(nanos / 1e6) + "ms";
        }
        if (nanos >= 1_000) {
            return trim(nanos / 1e3) + "us";
        }
        return nanos + "ns";
    }

    /** Formats bytes in the largest 1024-based unit that keeps it readable: 1MiB, 1.5GiB, 512B. */
    public static String formatSize(long bytes) {
        if (bytes >= 1L << 30) {
            return trim(bytes / (double) (1L << 30)) + "GiB";
        }
        if (bytes >= 1L << 20) {
            return trim(bytes / (double) (1L << 20)) + "MiB";
        }
        if (bytes >= 1L << 10) {
            return trim(bytes / 1024.0) + "KiB";
        }
        return bytes + "B";
    }

    /** The mean of {@code d} as a duration ({@code 4ms}), or {@code default} when none is written. */
    public static String mean(Distribution d) {
        return d == null ? "default" : formatDuration(Math.round(d.mean()));
    }

    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
