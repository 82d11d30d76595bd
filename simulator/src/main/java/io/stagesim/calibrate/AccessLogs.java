package io.stagesim.calibrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads access logs in the two formats {@code calibrate} documents:
 * <ul>
 * <li>NGINX: the combined format followed by {@code $request_time $upstream_response_time $msec}
 * ({@code log_format stagesim '$remote_addr - $remote_user [$time_local] "$request" $status
 * $bytes_sent "$http_referer" "$http_user_agent" $request_time $upstream_response_time $msec';});</li>
 * <li>Gunicorn: its default {@code access_log_format} followed by {@code %(D)s}, the request's time
 * in microseconds ({@code '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'}).</li>
 * </ul>
 * A line in neither shape is skipped and counted, and the first few are kept with their location,
 * so a log with a stray line still reads while a log in another format fails with a clear message.
 */
public final class AccessLogs {

    /** What was read: the records, and the lines skipped with the first few problems. */
    public record Read(List<LogRecord> records, int skipped, List<String> problems) {
    }

    private static final int KEEP = 3;
    private static final Pattern NGINX = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"([^\"]*)\" (\\d{3}) (\\d+) \"(?:[^\"\\\\]|\\\\.)*\" "
                    + "\"(?:[^\"\\\\]|\\\\.)*\" (\\d+(?:\\.\\d+)?) "
                    + "(-|\\d+(?:\\.\\d+)?(?:(?:, | : )(?:-|\\d+(?:\\.\\d+)?))*) (\\d+(?:\\.\\d+)?)\\s*$");
    private static final Pattern GUNICORN = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"([^\"]*)\" (\\d{3}) (\\d+|-) \"(?:[^\"\\\\]|\\\\.)*\" "
                    + "\"(?:[^\"\\\\]|\\\\.)*\" (\\d+)\\s*$");
    private static final DateTimeFormatter TIME_LOCAL =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    public static final String NGINX_FORMAT = "log_format stagesim '$remote_addr - $remote_user [$time_local] "
            + "\"$request\" $status $bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time "
            + "$upstream_response_time $msec';";
    public static final String GUNICORN_FORMAT =
            "--access-logformat '%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\" %(D)s'";

    private AccessLogs() {
    }

    /** Reads an NGINX log in the {@code stagesim} format. */
    public static Read nginx(Path file) throws CalibrationException {
        return read(file, true);
    }

    /** Reads a Gunicorn access log ending in {@code %(D)s}. */
    public static Read gunicorn(Path file) throws CalibrationException {
        return read(file, false);
    }

    private static Read read(Path file, boolean nginx) throws CalibrationException {
        List<LogRecord> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int skipped = 0;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String problem;
                try {
                    LogRecord r = nginx ? nginxLine(line) : gunicornLine(line);
                    if (r != null) {
                        out.add(r);
                        continue;
                    }
                    problem = "not a line of the " + (nginx ? "NGINX 'stagesim' log_format (" + NGINX_FORMAT + ")"
                            : "Gunicorn access log ending in %(D)s (" + GUNICORN_FORMAT + ")");
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
                skipped++;
                if (problems.size() < KEEP) {
                    problems.add(file + ":" + lineNo + ":1: " + problem);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CalibrationException(file + ": cannot read it: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new CalibrationException(problems.isEmpty() ? file + ": no requests in it (an empty log)"
                    : problems.get(0) + (skipped > 1 ? " (and " + (skipped - 1) + " more lines like it)" : ""));
        }
        if (skipped > 0.01 * (out.size() + skipped)) {
            throw new CalibrationException(problems.get(0) + "; " + skipped + " of " + (out.size() + skipped)
                    + " lines could not be read, more than 1 %: is this the right format?");
        }
        return new Read(List.copyOf(out), skipped, List.copyOf(problems));
    }

    /** One NGINX line, or null when it is not in the format. */
    static LogRecord nginxLine(String line) {
        Matcher m = NGINX.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String[] request = request(m.group(4));
        double upstream = upstream(m.group(8));
        long endMs = Math.round(Double.parseDouble(m.group(9)) * 1000);
        return new LogRecord(endMs, request[0], request[1], Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)),
                Double.parseDouble(m.group(7)), upstream);
    }

    /** One Gunicorn line, or null when it is not in the format; its end is the logged second plus a half. */
    static LogRecord gunicornLine(String line) {
        Matcher m = GUNICORN.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String[] request = request(m.group(4));
        long endMs;
        try {
            endMs = ZonedDateTime.parse(m.group(3), TIME_LOCAL).toInstant().toEpochMilli() + 500;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + m.group(3) + "' is not like 02/Dec/2026:01:50:03 +0000");
        }
        long bytes = "-".equals(m.group(6)) ? 0 : Long.parseLong(m.group(6));
        double seconds = Long.parseLong(m.group(7)) / 1e6;
        // the app served it: its own time is the upstream's (NaN would read as a static file NGINX answered)
        return new LogRecord(endMs, request[0], request[1], Integer.parseInt(m.group(5)), bytes, seconds, seconds);
    }

    /** "GET /path HTTP/1.1" as method and path (the query string dropped). */
    private static String[] request(String r) {
        String[] parts = r.split(" ");
        if (parts.length < 2) {
            throw new IllegalArgumentException("request '" + r + "' is not like \"GET /path HTTP/1.1\"");
        }
        String path = parts[1];
        int q = path.indexOf('?');
        return new String[] {parts[0], q >= 0 ? path.substring(0, q) : path};
    }

    /**
     * $upstream_response_time: NaN for "-" (no upstream); with several tries ("0.002, 0.004" or
     * "0.002 : 0.004") their sum.
     */
    private static double upstream(String u) {
        if ("-".equals(u)) {
            return Double.NaN;
        }
        double sum = 0;
        for (String p : u.split("[,:]")) {
            String t = p.trim();
            if (!t.isEmpty() && !"-".equals(t)) {
                sum += Double.parseDouble(t);
            }
        }
        return sum;
    }
}
