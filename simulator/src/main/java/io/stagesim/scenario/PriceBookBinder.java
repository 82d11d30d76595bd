package io.stagesim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and binds the price book a scenario names ({@code prices: aws-us-east-1}): the file
 * {@code prices/<name>.yaml} in the scenario's folder or the nearest folder above it that has one.
 * Its problems are located in the book's own file; a section without its source is one of them.
 */
final class PriceBookBinder {

    private static final double NONE = Double.NaN;

    private PriceBookBinder() {
    }

    /** The book {@code top} names under {@code prices}, or null (none named, or a problem reported). */
    static PriceBook of(Fields top) {
        YNode raw = top.raw("prices");
        String name = raw instanceof YNode.Scalar sc && sc.isNull() ? null : top.string("prices", null);
        if (name == null) {
            return null;
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            top.problem("prices", "expected the name of a price book such as aws-us-east-1 (letters, digits, '.', '-'"
                    + " and '_'), was '" + name + "'");
            return null;
        }
        // looked for from the file that names the book (a scenario elsewhere may extend a shipped
        // stage), then from the scenario being loaded
        Path written = writtenIn(raw, top.baseDir());
        Path file = written == null ? null : find(written, name);
        if (file == null) {
            file = find(top.baseDir(), name);
        }
        if (file == null) {
            List<String> known = known(written != null ? written : top.baseDir());
            top.problem("prices", "no price book '" + name + "': looked for prices/" + name + ".yaml in "
                    + (written != null ? written : top.baseDir()) + " and the folders above it" + Suggest.didYouMean(name, known)
                    + (known.isEmpty() ? "" : "; books found: " + String.join(", ", known)));
            return null;
        }
        String shown = file.toString();
        String text;
        try {
            text = SmallFile.read(file, shown, "price book");
            top.problems().read(file);
        } catch (IOException e) {
            top.problem("prices", "cannot read price book '" + shown + "': " + e.getMessage());
            return null;
        }
        Problems problems = top.problems();
        YNode root = YamlReader.read(shown, text, problems);
        if (root == null) {
            return null;
        }
        Fields f = Fields.of(root, "", problems, file.getParent());
        if (f == null) {
            return null;
        }
        return bind(name, f);
    }

    /**
     * The folder of the file {@code value} was written in, or null when that is no file (text given
     * directly); looked for in the file system of {@code baseDir}, so that a worker's carried files
     * never lead it to the real disk.
     */
    private static Path writtenIn(YNode value, Path baseDir) {
        try {
            Path f = (baseDir == null ? java.nio.file.FileSystems.getDefault() : baseDir.getFileSystem())
                    .getPath(value.location().file()).toAbsolutePath();
            return Files.isRegularFile(f) ? f.getParent() : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static Path find(Path dir, String name) {
        for (Path d = dir == null ? null : dir.toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("prices").resolve(name + ".yaml");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<String> known(Path dir) {
        List<String> names = new ArrayList<>();
        for (Path d = dir == null ? null : dir.toAbsolutePath(); d != null; d = d.getParent()) {
            try (var files = Files.list(d.resolve("prices"))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                        .forEach(n -> names.add(n.substring(0, n.length() - 5)));
            } catch (IOException | RuntimeException e) {
                continue; // no prices folder here
            }
        }
        return names;
    }

    private static PriceBook bind(String name, Fields f) {
        String provider = f.required("provider");
        String region = f.required("region");
        String currency = f.string("currency", "USD");
        Map<String, PriceBook.Machine> machines = new LinkedHashMap<>();
        machines(f, "instances", "types", "instance", machines);
        machines(f, "databases", "classes", "database", machines);
        machines(f, "caches", "nodes", "cache", machines);
        PriceBook.DatabaseStorage dbStorage = null;
        Fields db = section(f, "databases");
        if (db != null && db.has("storage")) {
            Fields s = Fields.of(db.raw("storage"), db.child("storage"), f.problems(), f.baseDir());
            if (s != null) {
                dbStorage = new PriceBook.DatabaseStorage(need(s, "per_gb_month"), need(s, "multi_az_per_gb_month"),
                        source(db));
                s.finish();
            }
        }
        PriceBook.Transfer transfer = transfer(f);
        PriceBook.Balancer balancer = balancer(f);
        PriceBook.ObjectStorage storage = null;
        Fields os = section(f, "object_storage");
        if (os != null) {
            storage = new PriceBook.ObjectStorage(need(os, "get_per_1000"), need(os, "put_per_1000"),
                    need(os, "per_gb_month"), source(os));
            os.finish();
        }
        PriceBook.Cdn cdn = null;
        Fields c = section(f, "cdn");
        if (c != null) {
            cdn = new PriceBook.Cdn(need(c, "per_gb"), need(c, "per_10k_requests"), source(c));
            c.finish();
        }
        PriceBook.DatabaseProxy proxy = null;
        Fields dp = section(f, "database_proxy");
        if (dp != null) {
            proxy = new PriceBook.DatabaseProxy(need(dp, "per_vcpu_hour"), dp.integer("min_vcpus", 0, 0, 1_000_000),
                    source(dp));
            dp.finish();
        }
        f.finish();
        return new PriceBook(name, provider, region, currency, machines, transfer, balancer, storage, cdn, dbStorage,
                proxy);
    }

    /** The fields of section {@code key}, or null when absent (or not a mapping: a problem). */
    private static Fields section(Fields f, String key) {
        if (!f.has(key)) {
            return null;
        }
        return Fields.of(f.raw(key), f.child(key), f.problems(), f.baseDir());
    }

    private static void machines(Fields f, String key, String listKey, String kind,
            Map<String, PriceBook.Machine> out) {
        Fields s = section(f, key);
        if (s == null) {
            return;
        }
        PriceBook.Source src = source(s);
        if (s.has("burstable_source")) {
            source(s, "burstable_source");
        }
        if (s.has("unlimited_per_vcpu_hour")) {
            s.number("unlimited_per_vcpu_hour", 0, 0, 1e6);
        }
        YNode raw = s.raw(listKey);
        if (raw == null) {
            s.problem(listKey, "missing; the " + kind + " types with their figures");
        } else {
            Fields all = Fields.of(raw, s.child(listKey), f.problems(), f.baseDir());
            if (all != null) {
                for (Map.Entry<String, YNode> e : all.entries().entrySet()) {
                    all.has(e.getKey());
                    Fields m = Fields.of(e.getValue(), all.child(e.getKey()), f.problems(), f.baseDir());
                    if (m == null) {
                        continue;
                    }
                    int vcpus = m.integer("vcpus", 0, 1, 4096);
                    if (!m.has("vcpus")) {
                        m.problem(null, "vcpus: missing; the number of vCPUs");
                    }
                    long memory = m.size("memory", 0);
                    double gbps = m.number("network_gbps", NONE, 0, 1e6);
                    double baseline = m.has("baseline") ? m.fraction("baseline", NONE) : NONE;
                    double credits = m.has("credits_per_hour") ? m.number("credits_per_hour", NONE, 0, 1e6) : NONE;
                    if (Double.isNaN(baseline) != Double.isNaN(credits)) {
                        m.problem(null, "a burstable type needs both baseline and credits_per_hour");
                    }
                    double perHour = need(m, "per_hour");
                    double multi = "database".equals(kind) ? need(m, "multi_az_per_hour") : NONE;
                    boolean estimate = m.bool("estimate", src.estimate());
                    m.finish();
                    PriceBook.Machine prev = out.put(e.getKey(), new PriceBook.Machine(e.getKey(), kind, vcpus, memory,
                            gbps, baseline, credits, perHour, multi,
                            new PriceBook.Source(src.url(), src.read(), estimate)));
                    if (prev != null) {
                        all.problem(e.getKey(), "'" + e.getKey() + "' is also a " + prev.kind() + " type; names must"
                                + " be unique across instances, databases and caches");
                    }
                }
            }
        }
        if ("databases".equals(key)) {
            s.has("storage"); // bound with the databases' storage prices
        }
        s.finish();
    }

    private static PriceBook.Transfer transfer(Fields f) {
        Fields s = section(f, "data_transfer_out");
        if (s == null) {
            return null;
        }
        PriceBook.Source src = source(s);
        double free = s.size("free", 0) / 1e9;
        List<PriceBook.Tier> tiers = new ArrayList<>();
        YNode raw = s.raw("tiers");
        if (!(raw instanceof YNode.Sequence seq) || seq.items().isEmpty()) {
            s.problem("tiers", "expected a list of tiers: {up_to: 10TB, per_gb: 0.09}, …, the last without up_to");
        } else {
            double last = free;
            for (int i = 0; i < seq.items().size(); i++) {
                Fields t = Fields.of(seq.items().get(i), s.child("tiers") + "[" + i + "]", f.problems(), f.baseDir());
                if (t == null) {
                    continue;
                }
                boolean open = !t.has("up_to");
                double upTo = open ? Double.POSITIVE_INFINITY : t.size("up_to", 0) / 1e9;
                if (open != (i == seq.items().size() - 1)) {
                    t.problem(null, open ? "only the last tier may leave out up_to" : "the last tier has no up_to");
                } else if (upTo <= last) {
                    t.problem("up_to", "tiers must go up: " + upTo + " GB is not above " + last + " GB");
                }
                last = upTo;
                tiers.add(new PriceBook.Tier(upTo, need(t, "per_gb")));
                t.finish();
            }
        }
        s.finish();
        return new PriceBook.Transfer(free, tiers, src);
    }

    private static PriceBook.Balancer balancer(Fields f) {
        Fields s = section(f, "load_balancer");
        if (s == null) {
            return null;
        }
        PriceBook.Source src = source(s);
        double perHour = need(s, "per_hour");
        double perLcu = need(s, "per_lcu_hour");
        PriceBook.Balancer b = null;
        YNode raw = s.raw("lcu");
        Fields l = raw == null ? null : Fields.of(raw, s.child("lcu"), f.problems(), f.baseDir());
        if (raw == null) {
            s.problem("lcu", "missing; what one LCU is: new_connections, active_connections, processed, "
                    + "rule_evaluations, free_rules");
        }
        if (l != null) {
            double newConnections = l.rate("new_connections", NONE);
            double active = need(l, "active_connections");
            double processed = l.size("processed", 0) / 1e9;
            double rules = l.rate("rule_evaluations", NONE);
            int free = l.integer("free_rules", 0, 0, 1000);
            for (String k : List.of("new_connections", "processed", "rule_evaluations")) {
                if (!l.has(k)) {
                    l.problem(null, k + ": missing");
                }
            }
            l.finish();
            b = new PriceBook.Balancer(perHour, perLcu, newConnections, active, processed, rules, free, src);
        }
        s.finish();
        return b;
    }

    /** A section's source: its url and the year-month it was read are required. */
    private static PriceBook.Source source(Fields s) {
        return source(s, "source");
    }

    private static PriceBook.Source source(Fields s, String key) {
        YNode raw = s.raw(key);
        if (raw == null) {
            s.problem(null, key + ": missing; every price needs its source: {url: …, read: YYYY-MM}");
            return new PriceBook.Source(null, null, false);
        }
        Fields f = Fields.of(raw, s.child(key), s.problems(), s.baseDir());
        if (f == null) {
            return new PriceBook.Source(null, null, false);
        }
        String url = f.required("url");
        String read = f.required("read");
        if (read != null && !read.matches("\\d{4}-\\d{2}(-\\d{2})?")) {
            f.problem("read", "expected the date it was read, YYYY-MM or YYYY-MM-DD, was '" + read + "'");
        }
        boolean estimate = f.bool("estimate", false);
        f.finish();
        return new PriceBook.Source(url, read, estimate);
    }

    /** A required price or figure, at least 0. */
    private static double need(Fields f, String key) {
        if (!f.has(key)) {
            f.problem(null, key + ": missing");
            return NONE;
        }
        return f.number(key, NONE, 0, 1e9);
    }
}
