package io.stagesim.scenario;

import io.stagesim.random.Constant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Binds request classes, their views and their calls. */
final class RequestBinder {

    /** Deepest nesting of calls (cache misses and tasks nest calls). */
    static final int MAX_CALL_DEPTH = 8;

    private RequestBinder() {
    }

    static RequestSpec request(String name, YNode node, Problems problems, Path baseDir) {
        Fields f = Fields.of(node, "requests." + name, problems, baseDir);
        if (f == null) {
            return null;
        }
        if ("all".equals(name)) {
            problems.add(node.location(), "requests.all", "'all' is reserved for the total of every class in results; "
                    + "choose another name");
        }
        double share = f.fraction("share", 1.0);
        ViewSpec view = f.has("view") ? view(f.raw("view"), f.child("view"), problems, baseDir, 0)
                : new ViewSpec(new Constant(0), List.of());
        RequestSpec r = new RequestSpec(name, share, view, f.integer("assets", 0, 0, 10_000),
                f.size("asset_size", 20_000), f.string("app", null),
                f.size("response_size", RequestSpec.DEFAULT_RESPONSE_SIZE), // A.1a: none unless given
                f.size("request_size", 0), directUpload(f));
        f.finish();
        return r;
    }

    /** {@code direct_upload: {storage: media, size: 2MB}}, or null. */
    private static RequestSpec.DirectUpload directUpload(Fields r) {
        if (!r.has("direct_upload")) {
            return null;
        }
        Fields f = Fields.of(r.raw("direct_upload"), r.child("direct_upload"), r.problems(), r.baseDir());
        if (f == null) {
            return null;
        }
        String storage = f.required("storage");
        RequestSpec.DirectUpload u = new RequestSpec.DirectUpload(storage == null ? "" : storage, f.size("size", 0));
        if (!f.has("size")) {
            f.problems().add(f.location(), f.child("size"), "missing; the bytes the browser uploads, e.g. 'size: 2MB'");
        }
        f.finish();
        return u;
    }

    static ViewSpec view(YNode node, String path, Problems problems, Path baseDir, int depth) {
        Fields f = Fields.of(node, path, problems, baseDir);
        if (f == null) {
            return new ViewSpec(new Constant(0), List.of());
        }
        ViewSpec v = new ViewSpec(f.distribution("cpu", new Constant(0)), calls(f, depth));
        f.finish();
        return v;
    }

    /** {@code times}: a whole number, or a range {@code min..max} drawn uniformly per request. */
    private static int[] times(Fields c) {
        String text = c.string("times", "1");
        if (text == null) {
            return new int[] {1, 1};
        }
        String t = text.trim();
        try {
            int dots = t.indexOf("..");
            int min = Integer.parseInt((dots < 0 ? t : t.substring(0, dots)).trim());
            int max = dots < 0 ? min : Integer.parseInt(t.substring(dots + 2).trim());
            if (min < 0 || max < min || max > 100_000) {
                c.problem("times", "must be a whole number from 0 to 100000, or a range min..max with min <= max, was '"
                        + text + "'");
                return new int[] {1, 1};
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            c.problem("times", "expected a whole number (3) or a range (1..5), was '" + text + "'");
            return new int[] {1, 1};
        }
    }

    private static List<CallSpec> calls(Fields f, int depth) {
        return f.has("calls") ? calls(f.raw("calls"), f.child("calls"), f.problems(), f.baseDir(), depth)
                : new ArrayList<>();
    }

    private static List<CallSpec> calls(YNode raw, String path, Problems problems, Path baseDir, int depth) {
        List<CallSpec> out = new ArrayList<>();
        if (!(raw instanceof YNode.Sequence seq)) {
            problems.add(raw.location(), path, "expected a list of calls such as '- {service: db, times: 3}', found "
                    + raw.kind());
            return out;
        }
        if (depth >= MAX_CALL_DEPTH) {
            problems.add(raw.location(), path, "calls nest deeper than " + MAX_CALL_DEPTH + " levels");
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            Fields c = Fields.of(seq.items().get(i), path + "[" + i + "]", problems, baseDir);
            if (c == null) {
                continue;
            }
            String service = c.required("service");
            List<CallSpec> onMiss = c.has("on_miss")
                    ? calls(c.raw("on_miss"), c.child("on_miss"), problems, baseDir, depth + 1) : List.of();
            ViewSpec task = c.has("task") ? view(c.raw("task"), c.child("task"), problems, baseDir, depth + 1) : null;
            int[] times = times(c);
            out.add(new CallSpec(service, times[0], times[1], c.distribution("cpu", null),
                    c.distribution("io", null), c.bool("write", false), c.fraction("hit_ratio", 0),
                    onMiss, c.size("download", 0), c.size("upload", 0), task));
            c.finish();
        }
        return out;
    }
}
