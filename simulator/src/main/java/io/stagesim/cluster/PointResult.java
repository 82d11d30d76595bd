package io.stagesim.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a worker sends back for an item: the sweep and the item's index (checked by the sweep
 * against what it sent), the member that ran it, and either the point as text ({@code ok}) or
 * why it could not be measured (a problem in the scenario, a run limit).
 */
public record PointResult(String sweep, int index, String member, boolean ok, String text) {

    private static final String TAG = "stagesim result 1";

    /** The result as bytes (to be signed). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(TAG);
            out.writeUTF(sweep);
            out.writeInt(index);
            out.writeUTF(member);
            out.writeBoolean(ok);
            byte[] t = text.getBytes(StandardCharsets.UTF_8); // a point's JSON may pass writeUTF's 64 KiB
            out.writeInt(t.length);
            out.write(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The result {@link #encode()} wrote; an IllegalArgumentException for anything else. */
    public static PointResult decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!TAG.equals(in.readUTF())) {
                throw new IllegalArgumentException("not a result of this version of stagesim");
            }
            String sweep = in.readUTF();
            int index = in.readInt();
            String member = in.readUTF();
            boolean ok = in.readBoolean();
            int n = in.readInt();
            if (n < 0 || n > bytes.length) {
                throw new IllegalArgumentException("a result with a text of " + n + " bytes");
            }
            byte[] t = new byte[n];
            in.readFully(t);
            return new PointResult(sweep, index, member, ok, new String(t, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated result", e);
        }
    }
}
