package io.stagesim.report;

import io.stagesim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Where a report came from, so a reader can run it again: stagesim's version, the command line,
 * each scenario file with its SHA-256 and the run settings it ran with (seed, replications,
 * duration), the date, and the machine (cores, operating system, Java). The report's figures do
 * not depend on the date or the machine; only this block does.
 */
public record Provenance(String version, String commandLine, List<File> files, String date, int cores, String os,
        String java) {

    /** A scenario file as it was read, and the run settings its scenario ran with. */
    public record File(String path, String sha256, String scenario, long seed, int replications, double durationS,
            double warmupS) {
    }

    /** Copies the list. */
    public Provenance {
        files = List.copyOf(files);
    }

    /**
     * The provenance of a command: {@code files} read as {@code scenarios} (in the same order),
     * now, on this machine.
     */
    public static Provenance of(String version, String commandLine, List<Path> files, List<Scenario> scenarios) {
        List<File> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Scenario s = scenarios.get(i);
            out.add(new File(files.get(i).toString(), sha256(files.get(i)), s.name(), s.run().seed(),
                    s.run().replications(), s.run().duration() / 1e9, s.run().warmup() / 1e9));
        }
        return new Provenance(version, commandLine, out, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    }

    /** The SHA-256 of the file's bytes, in hex; "unreadable" if it cannot be read again. */
    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The block as HTML: a table of the run's facts, then one row per scenario file. */
    String html() {
        StringBuilder sb = new StringBuilder("<h2 id=\"provenance\">Provenance</h2>\n<table class=\"prov\">\n");
        row(sb, "stagesim", version);
        row(sb, "command", commandLine);
        row(sb, "date", date);
        row(sb, "machine", String.format(Locale.ROOT, "%d cores, %s, Java %s", cores, os, java));
        sb.append("</table>\n<table class=\"prov\">\n<tr><th>file</th><th>scenario</th><th>seed</th>"
                + "<th>replications</th><th>duration s</th><th>warm-up s</th><th>SHA-256</th></tr>\n");
        for (File f : files) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d"
                    + "</td><td class=\"n\">%.0f</td><td class=\"n\">%.1f</td><td><code>%s</code></td></tr>%n",
                    HtmlReport.escape(f.path()), HtmlReport.escape(f.scenario()), f.seed(), f.replications(),
                    f.durationS(), f.warmupS(), HtmlReport.escape(f.sha256())));
        }
        return sb.append("</table>\n").toString();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><th>").append(name).append("</th><td>").append(HtmlReport.escape(value)).append("</td></tr>\n");
    }
}
