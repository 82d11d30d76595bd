package io.stagesim.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A made-up site whose demands are known: each second, page views and writes arrive at rates
 * that wander independently; every request's CPU is charged exactly to the second it ends in, at
 * the demands given, plus a background, plus (optionally) Gaussian noise per second. Written as an
 * NGINX log in the 'stagesim' format and as /proc snapshots, so calibrate must find the demands.
 */
final class SyntheticSite {

    static final long START_MS = 1_764_640_000_000L; // 2025-12-02T01:46:40Z
    /** Fine clock ticks, so their rounding (half a tick a sample) is negligible here: 1 µs. */
    static final int TICKS = 1_000_000;

    final double[] nginx = {0.0002, 0.0003}; // s per request: page, write
    final double[] gunicorn = {0.0137, 0.0091};
    final double[] postgres = {0.0064, 0.0052};
    final double background = 0.01; // cores
    final List<String> log = new ArrayList<>();
    final List<String> proc = new ArrayList<>();

    /** {@code seconds} of traffic; {@code noise} cores of Gaussian noise per second on each group's CPU. */
    SyntheticSite(int seconds, double noise, long seed) {
        this(seconds, noise, seed, 0, 0);
    }

    /**
     * The same site with {@code appLess} and {@code dbLess} seconds less CPU per request at Gunicorn
     * and PostgreSQL (every class): as if persistent connections saved a new connection's cost.
     */
    SyntheticSite(int seconds, double noise, long seed, double appLess, double dbLess) {
        for (int c = 0; c < 2; c++) {
            gunicorn[c] -= appLess;
            postgres[c] -= dbLess;
        }
        Random rnd = new Random(seed);
        double[] ticks = new double[3]; // cumulative, in ticks (fractional, rounded when written)
        snapshot(START_MS, ticks);
        for (int s = 0; s < seconds; s++) {
            int pages = 20 + rnd.nextInt(60);
            int writes = rnd.nextInt(15);
            long base = START_MS + s * 1000L;
            for (int i = 0; i < pages + writes; i++) {
                boolean write = i >= pages;
                long end = base + 1 + rnd.nextInt(999);
                log.add(line(end, write ? "POST /articles/new" : "GET /articles/" + (i % 7), write ? 302 : 200,
                        write ? 0 : 5120 + i, 0.015));
            }
            double[][] d = {nginx, gunicorn, postgres};
            for (int g = 0; g < 3; g++) {
                double cpu = background + pages * d[g][0] + writes * d[g][1] + noise * rnd.nextGaussian();
                ticks[g] += cpu * TICKS;
            }
            snapshot(base + 1000, ticks);
        }
        log.sort(null);
    }

    private void snapshot(long ms, double[] ticks) {
        String[] comm = {"nginx", "gunicorn", "postgres"};
        for (int g = 0; g < 3; g++) {
            // utime carries it all; with noise the cumulative count may step back a little: fine for the fit
            long t = Math.round(ticks[g]);
            proc.add(ms + " " + (100 + g) + " (" + comm[g] + ") S 1 0 0 0 -1 4194560 0 0 0 0 " + t + " 0 0 0 20 0 1 0 1 0");
        }
    }

    private static String line(long endMs, String request, int status, long bytes, double seconds) {
        String time = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                .format(Instant.ofEpochMilli(endMs).atOffset(ZoneOffset.UTC));
        return String.format(Locale.ROOT, "127.0.0.1 - - [%s] \"%s HTTP/1.1\" %d %d \"-\" \"wrk\" %.3f %.3f %d.%03d",
                time, request, status, bytes, seconds, seconds - 0.001, endMs / 1000, endMs % 1000);
    }

    Path writeLog(Path dir) throws IOException {
        return Files.write(dir.resolve("access.log"), log);
    }

    Path writeProc(Path dir) throws IOException {
        return Files.write(dir.resolve("proc.txt"), proc);
    }
}
