package io.stagesim.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting's value as written, multiplied by a factor, for a sensitivity analysis: a whole number
 * stays whole (and moves by at least 1, never below 1 when it was at least 1), a share stays at
 * most 100 %, a number with a unit keeps its unit (durations, rates, sizes), and a distribution has
 * every duration in it scaled, which scales the random variable itself (its mean and spread; the
 * coefficient of variation and shape stay).
 */
public final class Scaling {

    private static final Pattern WHOLE = Pattern.compile("-?\\d+");
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*(%|ns|us|µs|ms|s|m|h|/s|/m|/h|B|KB|MB|GB|KiB|MiB|GiB)?");
    private static final Pattern DURATION_INSIDE = Pattern.compile(
            "(?<![\\w.])(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)(?![\\w])");

    private Scaling() {
    }

    /** {@code text} times {@code factor}; an IllegalArgumentException says why it cannot be scaled. */
    public static String scale(String text, double factor) {
        String t = text.strip();
        if (WHOLE.matcher(t).matches()) {
            long v = Long.parseLong(t);
            long scaled = Math.round(v * factor);
            if (scaled == v) {
                scaled += factor > 1 ? 1 : -1;
            }
            if (v >= 1 && scaled < 1) {
                scaled = 1;
            }
            return Long.toString(scaled);
        }
        Matcher m = NUMBER_WITH_UNIT.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1)) * factor;
            String unit = m.group(2) == null ? "" : m.group(2);
            if ("%".equals(unit)) {
                v = Math.min(v, 100);
            }
            return format(v) + unit;
        }
        if (t.contains("(") && t.endsWith(")") && !t.startsWith("empirical")) {
            Matcher d = DURATION_INSIDE.matcher(t);
            StringBuilder sb = new StringBuilder();
            boolean any = false;
            while (d.find()) {
                d.appendReplacement(sb, Matcher.quoteReplacement(format(Double.parseDouble(d.group(1)) * factor)
                        + d.group(2)));
                any = true;
            }
            d.appendTail(sb);
            if (any) {
                return sb.toString();
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a number, a number with a unit or a distribution "
                + "of durations, so it cannot be scaled; give its values with --vary KEY=V1,V2 instead");
    }

    private static String format(double v) {
        return new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }
}
