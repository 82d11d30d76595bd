package io.stagesim.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV export of PostgreSQL's {@code pg_stat_statements} with a header naming at least
 * {@code query}, {@code calls} and {@code total_exec_time} (ms; {@code total_time} before
 * PostgreSQL 13), as written by {@code \copy (select query, calls, total_exec_time, mean_exec_time,
 * rows from pg_stat_statements) to 'statements.csv' csv header}. Counts the statements of requests
 * (SELECT, INSERT, UPDATE, DELETE, WITH) apart from the connection's own (SET, SHOW, BEGIN, COMMIT…).
 */
public final class PgStatStatements {

    /** The calls and total execution time (ms) of the requests' statements, and of the others. */
    public record Totals(long calls, double totalMs, long otherCalls, int statements) {

        /** Mean execution time of the requests' statements (ms). */
        public double meanMs() {
            return calls == 0 ? 0 : totalMs / calls;
        }
    }

    private PgStatStatements() {
    }

    /** Reads the export. */
    public static Totals read(Path file) throws CalibrationException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CalibrationException(file + ": cannot read it: " + e.getMessage());
        }
        List<List<String>> rows = csv(text, file.toString());
        if (rows.isEmpty()) {
            throw new CalibrationException(file + ":1:1: empty; expected a header with query, calls, total_exec_time");
        }
        List<String> header = rows.get(0);
        int query = header.indexOf("query");
        int calls = header.indexOf("calls");
        int total = header.contains("total_exec_time") ? header.indexOf("total_exec_time") : header.indexOf("total_time");
        if (query < 0 || calls < 0 || total < 0) {
            throw CalibrationException.at(file.toString(), 1, 1, "the header must name query, calls and "
                    + "total_exec_time (or total_time); it has " + String.join(", ", header));
        }
        long c = 0;
        double t = 0;
        long other = 0;
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            if (r.size() != header.size()) {
                throw new CalibrationException(file + ": row " + (i + 1) + " has " + r.size() + " fields where the "
                        + "header has " + header.size());
            }
            long n;
            double ms;
            try {
                n = Long.parseLong(r.get(calls).trim());
                ms = Double.parseDouble(r.get(total).trim());
            } catch (NumberFormatException e) {
                throw new CalibrationException(file + ": row " + (i + 1) + ": calls must be a whole number and "
                        + "total_exec_time a number of ms, were '" + r.get(calls) + "' and '" + r.get(total) + "'");
            }
            String q = r.get(query).stripLeading().toUpperCase(Locale.ROOT);
            if (q.startsWith("SELECT") || q.startsWith("INSERT") || q.startsWith("UPDATE") || q.startsWith("DELETE")
                    || q.startsWith("WITH")) {
                c += n;
                t += ms;
            } else {
                other += n;
            }
        }
        return new Totals(c, t, other, rows.size() - 1);
    }

    /** RFC 4180 fields: commas, double quotes with "" inside, line breaks inside quotes. */
    static List<List<String>> csv(String text, String file) throws CalibrationException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    line += ch == '\n' ? 1 : 0;
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                quoteLine = line;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                line++;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new CalibrationException(file + ":" + quoteLine + ": a quoted field is never closed");
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
