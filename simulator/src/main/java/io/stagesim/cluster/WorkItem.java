package io.stagesim.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point of a sweep, with everything a worker needs to measure it and nothing it must look up:
 * the scenario's files (the scenario itself, the bases it extends, its samples files and price
 * book, as bytes under paths relative to their common folder), which of them is the scenario, the
 * settings applied to every point ({@code --set}), this point's own settings, and the command's
 * options (seed, replications, objective and so on) as text. {@code sweep} names the sweep it
 * belongs to, so that a result cannot be replayed into another one.
 */
public record WorkItem(String sweep, int index, String scenario, SortedMap<String, byte[]> files,
        List<String> settings, List<String> point, SortedMap<String, String> options) {

    /** Largest item a worker decodes, in bytes (the scenario files' limit is 16 MiB each). */
    static final int MAX_BYTES = 64 << 20;

    private static final String TAG = "stagesim item 1";

    /** Copies the collections (sorted, so the encoding is the same for the same item). */
    public WorkItem {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        settings = List.copyOf(settings);
        point = List.copyOf(point);
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
        if (!files.containsKey(scenario)) {
            throw new IllegalArgumentException("the item does not carry its scenario " + scenario);
        }
    }

    /** The item as bytes (to be signed). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(TAG);
            out.writeUTF(sweep);
            out.writeInt(index);
            out.writeUTF(scenario);
            out.writeInt(files.size());
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.writeUTF(f.getKey());
                out.writeInt(f.getValue().length);
                out.write(f.getValue());
            }
            strings(out, settings);
            strings(out, point);
            out.writeInt(options.size());
            for (Map.Entry<String, String> o : options.entrySet()) {
                out.writeUTF(o.getKey());
                out.writeUTF(o.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The item {@link #encode()} wrote; an IllegalArgumentException for anything else. */
    public static WorkItem decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("work item of " + bytes.length + " bytes, more than " + MAX_BYTES);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!TAG.equals(in.readUTF())) {
                throw new IllegalArgumentException("not a work item of this version of stagesim");
            }
            String sweep = in.readUTF();
            int index = in.readInt();
            String scenario = in.readUTF();
            int n = count(in.readInt(), bytes.length);
            SortedMap<String, byte[]> files = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] data = new byte[count(in.readInt(), bytes.length)];
                in.readFully(data);
                files.put(name, data);
            }
            List<String> settings = strings(in, bytes.length);
            List<String> point = strings(in, bytes.length);
            int m = count(in.readInt(), bytes.length);
            SortedMap<String, String> options = new TreeMap<>();
            for (int i = 0; i < m; i++) {
                options.put(in.readUTF(), in.readUTF());
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("bytes after the work item's end");
            }
            return new WorkItem(sweep, index, scenario, files, settings, point, options);
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated work item", e);
        }
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> strings(DataInputStream in, int limit) throws IOException {
        int n = count(in.readInt(), limit);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static int count(int n, int limit) {
        if (n < 0 || n > limit) {
            throw new IllegalArgumentException("a work item with a count of " + n);
        }
        return n;
    }
}
