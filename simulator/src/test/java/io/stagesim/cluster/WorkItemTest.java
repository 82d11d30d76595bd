package io.stagesim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A work item and a result read back are what was written, whatever order their maps were filled in. */
final class WorkItemTest {

    private static WorkItem item(Map<String, byte[]> files, Map<String, String> options) {
        return new WorkItem("sweep-1", 7, "site/child.yaml", new TreeMap<>(files), List.of("hosts.web.cores=2"),
                List.of("services.app.workers=3"), new TreeMap<>(options));
    }

    @Test
    void encodeThenDecode_givesTheItemBack_andTheSameBytesForTheSameItem() {
        WorkItem a = item(Map.of("site/child.yaml", "extends: ../base.yaml".getBytes(StandardCharsets.UTF_8),
                "base.yaml", new byte[70_000]), Map.of("seed", "3", "measure", "RUN"));
        WorkItem b = WorkItem.decode(a.encode());
        assertEquals(a.sweep(), b.sweep());
        assertEquals(7, b.index());
        assertEquals(a.scenario(), b.scenario());
        assertEquals(a.files().keySet(), b.files().keySet());
        assertArrayEquals(a.files().get("base.yaml"), b.files().get("base.yaml"));
        assertEquals(a.settings(), b.settings());
        assertEquals(a.point(), b.point());
        assertEquals(a.options(), b.options());
        assertArrayEquals(a.encode(), b.encode());
    }

    @Test
    void truncatedOrExtendedBytes_areRefused() {
        byte[] bytes = item(Map.of("site/child.yaml", new byte[10]), Map.of()).encode();
        assertThrows(IllegalArgumentException.class, () -> WorkItem.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> WorkItem.decode(Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> WorkItem.decode(new byte[0]));
    }

    @Test
    void aResult_readBack_isTheSame() {
        PointResult r = new PointResult("sweep-1", 4, "127.0.0.1:5701", true, "x".repeat(100_000));
        assertEquals(r, PointResult.decode(r.encode()));
    }
}
