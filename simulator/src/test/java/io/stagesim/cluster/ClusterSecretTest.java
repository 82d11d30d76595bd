package io.stagesim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The secret's signatures are HMAC-SHA256 as specified, and anything not signed with it is refused. */
final class ClusterSecretTest {

    private static final ClusterSecret SECRET = ClusterSecret.of(bytes("0123456789abcdef"));

    // The figures come from Python's hmac module, not from this code:
    //   k = HMAC-SHA256(b"0123456789abcdef", b"stagesim cluster key")
    //   HMAC-SHA256(k, b"item\0abc"), and "stagesim-" + HMAC-SHA256(k, b"cluster name\0stagesim")[:8 bytes]
    @Test
    void signature_isHmacSha256OfTheLabelAndPayloadUnderTheDerivedKey() {
        byte[] signed = SECRET.sign("item", bytes("abc"));
        assertEquals("abc", new String(signed, 0, 3, StandardCharsets.UTF_8));
        assertEquals("0f0fbeb12f70ada74c42f48f7aef34da48f40bc87be8ecfd880658f377e8bda9",
                HexFormat.of().formatHex(signed, 3, signed.length));
        assertEquals("stagesim-9630bbb720e57887", SECRET.clusterName("stagesim"));
        assertArrayEquals(bytes("abc"), SECRET.open("item", signed));
    }

    @Test
    void anyChangedBit_anotherLabel_anotherSecretOrNoSignature_isRefused() {
        byte[] signed = SECRET.sign("item", bytes("a work item"));
        for (int i = 0; i < signed.length; i++) {
            byte[] bad = signed.clone();
            bad[i] ^= 1;
            assertThrows(SecurityException.class, () -> SECRET.open("item", bad));
        }
        // a result is never taken for an item, nor the other way round
        assertThrows(SecurityException.class, () -> SECRET.open("result", signed));
        ClusterSecret other = ClusterSecret.of(bytes("0123456789abcdeF"));
        SecurityException e = assertThrows(SecurityException.class, () -> other.open("item", signed));
        assertEquals("item signed with another secret", e.getMessage());
        assertNotEquals(SECRET.clusterName("stagesim"), other.clusterName("stagesim"));
        assertThrows(SecurityException.class, () -> SECRET.open("item", Arrays.copyOf(signed, 31)));
        assertThrows(SecurityException.class, () -> SECRET.open("item", null));
    }

    @Test
    void aShortSecret_isRefusedWithTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSecret.of(bytes("fifteen-bytes!!")));
        assertTrue(e.getMessage().contains("at least 16 bytes, was 15"), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
