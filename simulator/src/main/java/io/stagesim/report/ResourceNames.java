package io.stagesim.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short names for the resources the simulator describes in full: "gunicorn workers (5)" for
 * "gunicorn: 5 workers × 1 threads (backlog 2048)", so that a chart's label is read at once and
 * never cut. The service comes first, the count that matters in brackets; a resource no rule
 * knows keeps its full description after its service.
 */
public final class ResourceNames {

    private record Rule(Pattern pattern, Function<Matcher, String> name) {
    }

    private static final List<Rule> RULES = List.of(
            rule("(\\d+) workers × 1 threads \\(.*\\)", m -> "workers (" + m.group(1) + ")"),
            rule("(\\d+) workers × (\\d+) threads \\(.*\\)", m -> "workers (" + m.group(1) + " × " + m.group(2)
                    + " threads)"),
            rule("(\\d+) processes × 1 threads \\(.*\\)", m -> "processes (" + m.group(1) + ")"),
            rule("(\\d+) processes × (\\d+) threads \\(.*\\)", m -> "processes (" + m.group(1) + " × " + m.group(2)
                    + " threads)"),
            rule("connections \\(max_connections (\\d+) − (\\d+) reserved\\)", m -> "connections ("
                    + (Integer.parseInt(m.group(1)) - Integer.parseInt(m.group(2))) + ")"),
            rule("connections \\((\\d+) × (\\d+)\\)", m -> String.format(Locale.ROOT, "connections (%,d)",
                    Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2)))),
            rule("worker processes \\((\\d+), one core each\\)", m -> "workers (" + m.group(1) + ")"),
            rule("(\\d+) worker processes", m -> "workers (" + m.group(1) + ")"),
            rule("(\\d+) command thread\\(s\\)", m -> "command threads (" + m.group(1) + ")"),
            rule("network interface \\((\\d+)Gbps, transfers\\)", m -> "network (" + m.group(1) + " Gbps)"),
            rule("Python on one core \\(GIL\\)", m -> "GIL"),
            rule("GIL \\((\\d+), one core per process\\)", m -> "GILs (" + m.group(1) + ")"),
            rule("server connections \\(\\w+ pooling, (\\d+)\\)", m -> "server connections (" + m.group(1) + ")"),
            rule("client connections \\(max_client_conn (\\d+)\\)", m -> "client connections (" + m.group(1) + ")"),
            rule("database connections \\(\\d+ % of max_connections: (\\d+)\\)", m -> "database connections ("
                    + m.group(1) + ")"),
            rule("write lock \\(.*\\)", m -> "write lock"),
            rule("Multi-AZ standby \\(.*\\)", m -> "standby acknowledgements"));

    private static final Pattern HOST_CPU = Pattern.compile("CPU of host (.+)");

    private ResourceNames() {
    }

    private static Rule rule(String regex, Function<Matcher, String> name) {
        return new Rule(Pattern.compile(regex), name);
    }

    /**
     * The short name of {@code resource} of {@code service}: a host's CPU as "web CPU (2 cores)"
     * when {@code cores} is above 0, a service's resource as "gunicorn workers (5)".
     */
    public static String of(String service, String resource, int cores) {
        Matcher host = HOST_CPU.matcher(resource);
        if (host.matches()) {
            return host.group(1) + " CPU" + (cores > 0 ? " (" + cores + (cores == 1 ? " core)" : " cores)") : "");
        }
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(resource);
            if (m.matches()) {
                return service + " " + r.name().apply(m);
            }
        }
        return service + " " + resource;
    }
}
