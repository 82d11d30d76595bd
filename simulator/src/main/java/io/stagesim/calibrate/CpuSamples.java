package io.stagesim.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Per-process CPU over time, read from {@code pidstat -h -u} output or from {@code /proc} snapshots,
 * summed into process groups: the CPU seconds each group used in each interval between samples.
 *
 * <p>A {@code /proc} snapshot file has one line per process per sample, {@code <epoch ms> <the
 * /proc/<pid>/stat line>}. A process's CPU is utime + stime + cutime + cstime (clock ticks): the
 * last two hold the children it has waited for, so a PostgreSQL backend that lived for one request
 * between two samples — never seen itself — still counts, in the postmaster's cutime. A process
 * that was seen and is gone at the next sample has its whole life in its parent's cutime if the
 * parent is sampled, so what was counted of it already is taken off again there (and nothing is
 * taken off when the parent is not sampled: the tail of its life is lost, and said).
 *
 * <p>{@code pidstat -h} prints, per interval, each process's %CPU of one core (without {@code -I});
 * processes that start and end between its samples are not in it, so prefer the snapshots where
 * processes are short-lived (a new database backend per request).
 */
public final class CpuSamples {

    /** The samples' times (ms since the epoch) and each group's CPU seconds in each interval after the first. */
    public record Series(long[] timesMs, Map<String, double[]> cpuSeconds, List<String> notes) {

        /** Intervals: one fewer than the times. */
        public int intervals() {
            return timesMs.length - 1;
        }
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CpuSamples() {
    }

    /** Reads {@code file}, in whichever of the two formats it is, grouping processes by {@code groups}. */
    public static Series read(Path file, ProcessGroups groups, int clockTicks) throws CalibrationException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CalibrationException(file + ": cannot read it: " + e.getMessage());
        }
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("#") && t.contains("%CPU")) {
                return pidstat(file, lines, groups);
            }
            if (!t.isEmpty() && Character.isDigit(t.charAt(0)) && t.contains("(")) {
                return proc(file, lines, groups, clockTicks);
            }
        }
        throw new CalibrationException(file + ":1:1: neither pidstat -h output (a '# Time … %CPU … Command' header) "
                + "nor /proc snapshots ('<epoch ms> <pid> (<comm>) <state> …' lines)");
    }

    private static Series pidstat(Path file, List<String> lines, ProcessGroups groups) throws CalibrationException {
        int time = -1;
        int cpu = -1;
        int command = -1;
        TreeMap<Long, Map<String, Double>> byTime = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Clock clock = new Clock(null, -1);
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("#")) {
                String[] h = SPACES.split(t.substring(1).strip());
                for (int c = 0; c < h.length; c++) {
                    if (h[c].equals("Time")) {
                        time = c;
                    } else if (h[c].equals("%CPU")) {
                        cpu = c;
                    } else if (h[c].equals("Command")) {
                        command = c;
                    }
                }
                if (time < 0 || cpu < 0 || command < 0) {
                    throw CalibrationException.at(file.toString(), i + 1, 1, "a pidstat header needs Time, %CPU and "
                            + "Command columns (run pidstat -h -u -p PIDS 1)");
                }
                continue;
            }
            if (time < 0 || !Character.isDigit(t.charAt(0))) {
                clock = clock.banner(t); // the banner ("Linux 6.1 (host)  12/02/26  _x86_64_ (2 CPU)") has the date
                continue;
            }
            String[] f = SPACES.split(t);
            if (f.length <= Math.max(time, Math.max(cpu, command))) {
                throw CalibrationException.at(file.toString(), i + 1, 1, "expected " + (command + 1)
                        + " columns as the header says, found " + f.length);
            }
            long at;
            double percent;
            try {
                at = f[time].contains(":") ? clock.at(f[time]) : Long.parseLong(f[time]) * 1000;
                clock = clock.seen(at);
                percent = Double.parseDouble(f[cpu].replace(',', '.'));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw CalibrationException.at(file.toString(), i + 1, 1, "Time must be seconds since the epoch or "
                        + "a time of day after a banner with the date (pidstat -h), and %CPU a number; was '"
                        + f[time] + "' and '" + f[cpu] + "'");
            }
            String group = groups.of(f[command]);
            if (group == null) {
                groups.unmatched(f[command]);
                continue;
            }
            byTime.computeIfAbsent(at, k -> new HashMap<>()).merge(group, percent / 100, Double::sum);
        }
        if (byTime.size() < 2) {
            throw new CalibrationException(file + ": fewer than two samples of processes in the groups ("
                    + groups.describe() + ")");
        }
        long[] times = new long[byTime.size() + 1];
        long step = Long.MAX_VALUE;
        Long prev = null;
        for (long at : byTime.keySet()) {
            if (prev != null) {
                step = Math.min(step, at - prev);
            }
            prev = at;
        }
        int k = 0;
        times[k++] = byTime.firstKey() - step;
        Map<String, double[]> cpuSeconds = new LinkedHashMap<>();
        for (String g : groups.names()) {
            cpuSeconds.put(g, new double[times.length - 1]);
        }
        for (Map.Entry<Long, Map<String, Double>> e : byTime.entrySet()) {
            long length = e.getKey() - times[k - 1];
            for (Map.Entry<String, Double> g : e.getValue().entrySet()) {
                cpuSeconds.get(g.getKey())[k - 1] += g.getValue() * length / 1000.0;
            }
            times[k++] = e.getKey();
        }
        notes.add("pidstat: " + (times.length - 1) + " intervals of " + step / 1000.0 + " s; processes that started "
                + "and ended between samples are not in pidstat's output");
        return new Series(times, cpuSeconds, List.copyOf(notes));
    }

    private record Proc(int pid, int ppid, String comm, long ticks) {
    }

    /**
     * pidstat's times of day, on the date of its banner (MM/DD/YY, or YYYY-MM-DD with
     * S_TIME_FORMAT=ISO), in UTC (run it with TZ=UTC), a day later each time the clock goes back.
     */
    private record Clock(java.time.LocalDate date, long last) {

        private static final Pattern US_DATE = Pattern.compile("\\b(\\d{2})/(\\d{2})/(\\d{2}|\\d{4})\\b");
        private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

        Clock banner(String line) {
            java.util.regex.Matcher m = ISO_DATE.matcher(line);
            if (m.find()) {
                return new Clock(java.time.LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))), -1);
            }
            m = US_DATE.matcher(line);
            if (m.find()) {
                int y = Integer.parseInt(m.group(3));
                return new Clock(java.time.LocalDate.of(y < 100 ? 2000 + y : y, Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2))), -1);
            }
            return this;
        }

        Clock seen(long ms) {
            return new Clock(date, ms);
        }

        /** Milliseconds since the epoch of a time of day such as 02:07:41 (24-hour: run pidstat with LC_TIME=C). */
        long at(String hms) {
            if (date == null) {
                throw new java.time.DateTimeException("no date: pidstat's banner line is missing");
            }
            java.time.LocalTime t = java.time.LocalTime.parse(hms.length() == 7 ? "0" + hms : hms);
            long ms = date.atTime(t).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            while (last >= 0 && ms < last - 43_200_000L) {
                ms += 86_400_000L; // past midnight
            }
            return ms;
        }
    }

    private static Series proc(Path file, List<String> lines, ProcessGroups groups, int clockTicks)
            throws CalibrationException {
        List<Long> times = new ArrayList<>();
        List<Map<Integer, Proc>> snaps = new ArrayList<>();
        Map<Integer, Proc> current = null;
        long first = 0;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int open = t.indexOf('(');
            int close = t.lastIndexOf(')');
            String[] head = open > 0 ? SPACES.split(t.substring(0, open).strip()) : new String[0];
            String[] tail = close > open && open > 0 ? SPACES.split(t.substring(close + 1).strip()) : new String[0];
            // after the comm: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17)
            if (head.length != 2 || tail.length < 15) {
                throw CalibrationException.at(file.toString(), i + 1, 1, "expected '<epoch ms> <pid> (<comm>) <state> "
                        + "<ppid> …' with the fields of /proc/<pid>/stat up to cstime, found '" + abbreviate(t) + "'");
            }
            long at;
            Proc p;
            try {
                at = Long.parseLong(head[0]);
                long ticks = Long.parseLong(tail[11]) + Long.parseLong(tail[12]) + Long.parseLong(tail[13])
                        + Long.parseLong(tail[14]);
                p = new Proc(Integer.parseInt(head[1]), Integer.parseInt(tail[1]), t.substring(open + 1, close), ticks);
            } catch (NumberFormatException e) {
                throw CalibrationException.at(file.toString(), i + 1, 1, "the time, pid, ppid and CPU times must be "
                        + "whole numbers, in '" + abbreviate(t) + "'");
            }
            if (current == null || current.containsKey(p.pid) || at - first > 500) {
                current = new HashMap<>();
                snaps.add(current);
                times.add(at);
                first = at;
            }
            current.put(p.pid, p);
        }
        if (snaps.size() < 2) {
            throw new CalibrationException(file + ": fewer than two /proc snapshots");
        }
        Map<String, double[]> cpuSeconds = new LinkedHashMap<>();
        for (String g : groups.names()) {
            cpuSeconds.put(g, new double[snaps.size() - 1]);
        }
        int lost = 0;
        for (int k = 1; k < snaps.size(); k++) {
            Map<Integer, Proc> before = snaps.get(k - 1);
            Map<Integer, Proc> after = snaps.get(k);
            for (Proc p : after.values()) {
                String g = groups.of(p.comm);
                if (g == null) {
                    groups.unmatched(p.comm);
                    continue;
                }
                Proc was = before.get(p.pid);
                long used = was == null ? p.ticks : p.ticks - was.ticks;
                cpuSeconds.get(g)[k - 1] += used / (double) clockTicks;
            }
            for (Proc p : before.values()) {
                String g = groups.of(p.comm);
                if (g == null || after.containsKey(p.pid)) {
                    continue;
                }
                Proc parent = after.get(p.ppid);
                if (parent != null && groups.of(parent.comm) != null) {
                    cpuSeconds.get(groups.of(parent.comm))[k - 1] -= p.ticks / (double) clockTicks;
                } else {
                    lost++;
                }
            }
        }
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        List<String> notes = new ArrayList<>();
        notes.add("/proc snapshots: " + (t.length - 1) + " intervals, " + clockTicks + " clock ticks per second");
        if (lost > 0) {
            notes.add(lost + " processes ended without their parent sampled: the end of their CPU is missing");
        }
        return new Series(t, cpuSeconds, List.copyOf(notes));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
