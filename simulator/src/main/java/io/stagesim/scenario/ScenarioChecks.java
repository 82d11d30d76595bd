package io.stagesim.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need the whole scenario: references between services (with "did you mean"), the
 * routing graph (no cycles, every path ends at an app server), calls to services of the right
 * kind, traffic shares adding up to 100 %, and the memory budget of every host.
 */
final class ScenarioChecks {

    private final Scenario s;
    private final YNode.Mapping root;
    private final Problems problems;

    private ScenarioChecks(Scenario s, YNode.Mapping root, Problems problems) {
        this.s = s;
        this.root = root;
        this.problems = problems;
    }

    static void check(Scenario s, YNode.Mapping root, Map<String, Location> serviceAt,
            Map<String, Location> requestAt, Problems problems) {
        new ScenarioChecks(s, root, problems).run();
    }

    /** The location of the deepest node that exists along {@code keys} (list indexes as Integer). */
    private Location at(Object... keys) {
        return locate(root, keys);
    }

    /** The location of the deepest node under {@code root} that exists along {@code keys}. */
    static Location locate(YNode.Mapping root, Object... keys) {
        YNode node = root;
        Location loc = root.location();
        for (Object k : keys) {
            if (node instanceof YNode.Mapping m && k instanceof String key && m.entries().containsKey(key)) {
                node = m.entries().get(key);
                loc = node.location();
            } else if (node instanceof YNode.Sequence q && k instanceof Integer i && i < q.items().size()) {
                node = q.items().get(i);
                loc = node.location();
            } else {
                break;
            }
        }
        return loc;
    }

    private void add(Location where, String path, String message) {
        problems.add(where, path, message);
    }

    private void run() {
        List<BrowserSpec> browsers = BrowserSpec.in(s.services());
        if (browsers.size() != 1) {
            add(at("services"), "services", "a scenario needs exactly one service of type browser, found "
                    + browsers.size());
            return;
        }
        BrowserSpec b = browsers.get(0);
        String bp = "services." + b.name();
        if (reference(b.target(), at("services", b.name(), "target"), bp + ".target", true, false)) {
            routing(b.target());
        }
        if (b.staticFrom() != null) {
            ServiceSpec t = s.services().get(b.staticFrom());
            if (reference(b.staticFrom(), at("services", b.name(), "static_from"), bp + ".static_from", false, false)
                    && t.kind() != ServiceKind.OBJECT_STORAGE && t.kind() != ServiceKind.CDN) {
                add(at("services", b.name(), "static_from"), bp + ".static_from",
                        "static files come from an object_storage or a cdn service; '" + b.staticFrom() + "' is a "
                                + t.kind().type());
            }
        }
        if (b.loadGenerator() != null && !s.hosts().containsKey(b.loadGenerator().host())) {
            String host = b.loadGenerator().host();
            add(at("services", b.name(), "load_generator", "host"), bp + ".load_generator.host", "no host named '"
                    + host + "'" + Suggest.didYouMean(host, s.hosts().keySet()) + "; hosts: "
                    + String.join(", ", s.hosts().keySet()));
        }
        for (ServiceSpec sp : s.services().values()) {
            for (ServiceSpec.KeyProblem p : sp.problems()) {
                add(at("services", sp.name(), p.key()), "services." + sp.name() + "." + p.key(), p.message());
            }
        }
        for (ServiceSpec sp : s.services().values()) {
            if (sp instanceof PoolerSpec pg) {
                pooledDatabase(pg);
            }
            if (sp instanceof CdnSpec cdn) {
                cdnOrigin(cdn);
            }
        }
        replicas();
        requests();
        memory();
    }

    /** A CDN's {@code origin} names object storage or a proxy that serves static files. */
    private void cdnOrigin(CdnSpec cdn) {
        Location where = at("services", cdn.name(), "origin");
        String path = "services." + cdn.name() + ".origin";
        if (reference(cdn.origin(), where, path, false, false)) {
            ServiceSpec o = s.services().get(cdn.origin());
            boolean ok = o.kind() == ServiceKind.OBJECT_STORAGE || o instanceof ProxySpec p && p.statics().serve();
            if (!ok) {
                add(where, path, "a CDN fetches its misses from an object_storage or a proxy with serve_static: true; '"
                        + cdn.origin() + "' is a " + (o instanceof ProxySpec ? "proxy that does not serve static files"
                                : o.kind().type()));
            }
        }
    }

    /** A pooler's {@code database} names a PostgreSQL-like database. */
    private void pooledDatabase(PoolerSpec pg) {
        Location where = at("services", pg.name(), "database");
        String path = "services." + pg.name() + ".database";
        if (reference(pg.database(), where, path, false, false)
                && !(s.services().get(pg.database()) instanceof DatabaseSpec db && db.hasConnections())) {
            add(where, path, (pg instanceof PgBouncerSpec ? "PgBouncer" : "A database proxy") + " pools connections to a database of engine postgres; '" + pg.database()
                    + "' is " + (s.services().get(pg.database()) instanceof DatabaseSpec ? "a sqlite database"
                            : "a " + s.services().get(pg.database()).kind().type()));
        }
    }

    /**
     * A database's {@code replicas} name other PostgreSQL-like databases, each the replica of one
     * primary, with none of its own (no cascading).
     */
    private void replicas() {
        Map<String, String> primaryOf = new LinkedHashMap<>();
        for (ServiceSpec sp : s.services().values()) {
            if (sp instanceof DatabaseSpec db) {
                List<String> rs = db.replication().replicas();
                for (int i = 0; i < rs.size(); i++) {
                    replica(db, rs.get(i), i, primaryOf);
                }
            }
        }
    }

    private void replica(DatabaseSpec db, String name, int i, Map<String, String> primaryOf) {
        Location where = at("services", db.name(), "replicas", i);
        String path = "services." + db.name() + ".replicas";
        if (!reference(name, where, path, false, false)) {
            return;
        }
        ServiceSpec r = s.services().get(name);
        if (name.equals(db.name())) {
            add(where, path, "a database cannot be its own replica");
        } else if (!(r instanceof DatabaseSpec rdb && rdb.hasConnections())) {
            add(where, path, "a read replica is a database of engine postgres; '" + name + "' is "
                    + (r instanceof DatabaseSpec ? "a sqlite database" : "a " + r.kind().type()));
        } else if (rdb.replication().routed()) {
            add(where, path, "'" + name + "' has replicas of its own; cascading replication is not modelled");
        } else if (primaryOf.containsKey(name)) {
            add(where, path, "'" + name + "' is already a replica of '" + primaryOf.get(name) + "'");
        } else {
            primaryOf.put(name, db.name());
        }
    }

    /** True when {@code name} names a service (a front if {@code front}); records a problem if not. */
    private boolean reference(String name, Location where, String path, boolean front, boolean callable) {
        if (name == null) {
            return false;
        }
        ServiceSpec t = s.services().get(name);
        if (t == null) {
            add(where, path, "no service named '" + name + "'" + Suggest.didYouMean(name, s.services().keySet())
                    + "; services: " + String.join(", ", s.services().keySet()));
            return false;
        }
        ServiceKind k = t.kind();
        if (front && !k.isFront()) {
            add(where, path, "'" + name + "' is a " + k.type() + "; requests can only be routed to a "
                    + ServiceKind.listed(ServiceKind::isFront, false));
            return false;
        }
        if (callable && !k.isCallable()) {
            add(where, path, "'" + name + "' is a " + k.type() + "; a view can call a "
                    + ServiceKind.listed(ServiceKind::isCallable, false));
            return false;
        }
        return true;
    }

    /** Every routing path from {@code start} must end at an app server, without cycles. */
    private void routing(String start) {
        Set<String> done = new HashSet<>();
        walk(start, new ArrayList<>(), done);
    }

    private void walk(String name, List<String> path, Set<String> done) {
        if (path.contains(name)) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            loop.add(name);
            add(at("services", name), "services." + name, "routing cycle: " + String.join(" -> ", loop));
            return;
        }
        if (!done.add(name)) {
            return;
        }
        ServiceSpec sp = s.services().get(name);
        String key = sp.routes().key();
        path.add(name);
        List<String> targets = sp.routes().names();
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            if (reference(t, at("services", name, key, i), "services." + name + "." + key, true, false)) {
                walk(t, path, done);
            }
        }
        path.remove(path.size() - 1);
    }

    private void requests() {
        double total = 0;
        for (RequestSpec r : s.requests().values()) {
            total += r.share();
            String rp = "requests." + r.name();
            if (r.app() != null) {
                ServiceSpec a = s.services().get(r.app());
                if (reference(r.app(), at("requests", r.name(), "app"), rp + ".app", true, false) && !a.runsViews()) {
                    add(at("requests", r.name(), "app"), rp + ".app", "'" + r.app() + "' is a " + a.kind().type()
                            + "; 'app' names the " + ServiceKind.listed(k -> k.role() == ServiceKind.Role.VIEWS, true)
                            + " that runs the view");
                }
            }
            calls(r.view().calls(), new Object[] {"requests", r.name(), "view", "calls"}, rp + ".view.calls");
            if (r.directUpload() != null) {
                Location where = at("requests", r.name(), "direct_upload", "storage");
                String p = rp + ".direct_upload.storage";
                String st = r.directUpload().storage();
                if (reference(st, where, p, false, false)
                        && s.services().get(st).kind() != ServiceKind.OBJECT_STORAGE) {
                    add(where, p, "a browser uploads directly to an object_storage service; '" + st + "' is a "
                            + s.services().get(st).kind().type());
                }
            }
        }
        if (!s.requests().isEmpty() && Math.abs(total - 1) > 1e-6) {
            // to 4 decimals, finer than the 1e-4 % tolerance: 100.01 % never shows as 100.0 %
            String sum = java.math.BigDecimal.valueOf(total * 100).setScale(4, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString();
            add(at("requests"), "requests", "the shares add up to " + sum + "%; they must add up to 100%");
        }
    }

    private void calls(List<CallSpec> calls, Object[] keys, String path) {
        for (int i = 0; i < calls.size(); i++) {
            CallSpec c = calls.get(i);
            Object[] here = append(keys, i);
            String p = path + "[" + i + "]";
            Location loc = at(append(here, "service"));
            if (!reference(c.service(), loc, p + ".service", false, true)) {
                continue;
            }
            ServiceKind k = s.services().get(c.service()).kind();
            if (!c.onMiss().isEmpty() || c.hitRatio() > 0) {
                requireKind(k, ServiceKind.CACHE, at(here), p, "hit_ratio and on_miss");
            }
            if (c.task() != null) {
                requireKind(k, ServiceKind.TASK_QUEUE, at(here), p, "task");
                calls(c.task().calls(), append(append(here, "task"), "calls"), p + ".task.calls");
            } else if (k == ServiceKind.TASK_QUEUE) {
                add(at(here), p, "a call to the task_queue '" + c.service() + "' needs a 'task' (the work done later)");
            }
            if (c.download() > 0 || c.upload() > 0) {
                requireKind(k, ServiceKind.OBJECT_STORAGE, at(here), p, "download and upload");
            } else if (k == ServiceKind.OBJECT_STORAGE) {
                add(at(here), p, "a call to the object_storage '" + c.service() + "' needs 'download' or 'upload' bytes");
            }
            if (c.write() && k != ServiceKind.PGBOUNCER && k != ServiceKind.DATABASE_PROXY) {
                requireKind(k, ServiceKind.DATABASE, at(here), p, "write");
                String primary = primaryOf(c.service());
                if (primary != null) {
                    add(at(append(here, "write")), p + ".write", "'" + c.service() + "' is a read replica of '"
                            + primary + "' (a hot standby refuses writes); write to '" + primary + "'");
                }
            }
            calls(c.onMiss(), append(here, "on_miss"), p + ".on_miss");
        }
    }

    /** The database whose replica {@code name} is, or null. */
    private String primaryOf(String name) {
        for (ServiceSpec sp : s.services().values()) {
            if (sp instanceof DatabaseSpec db && db.replication().replicas().contains(name)) {
                return db.name();
            }
        }
        return null;
    }

    private void requireKind(ServiceKind actual, ServiceKind wanted, Location loc, String path, String what) {
        if (actual != wanted) {
            add(loc, path, what + " apply only to a call to a " + wanted.type() + ", not a " + actual.type());
        }
    }

    private static Object[] append(Object[] a, Object x) {
        Object[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    private void memory() {
        Map<String, Long> used = new LinkedHashMap<>();
        Map<String, List<String>> who = new LinkedHashMap<>();
        for (ServiceSpec sp : s.services().values()) {
            long m = sp.memory();
            if (sp.host() != null && m > 0) {
                used.merge(sp.host(), m, Long::sum);
                who.computeIfAbsent(sp.host(), h -> new ArrayList<>())
                        .add(sp.name() + " " + m / (1 << 20) + " MiB");
            }
        }
        for (Map.Entry<String, Long> e : used.entrySet()) {
            HostSpec h = s.hosts().get(e.getKey());
            if (h != null && e.getValue() > h.memory()) {
                add(at("hosts", h.name(), "memory"), "hosts." + h.name() + ".memory", String.format(
                        "the services placed here need %d MiB (%s) but the host has %d MiB: %d MiB over",
                        e.getValue() >> 20, String.join(", ", who.get(e.getKey())), h.memory() >> 20,
                        (e.getValue() - h.memory()) >> 20));
            }
        }
    }
}
