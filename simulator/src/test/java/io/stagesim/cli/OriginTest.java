package io.stagesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The version in a report's provenance names the commit the launcher found, when it is a git hash. */
final class OriginTest {

    @Test
    void aCommit_isNamedAfterTheVersion() {
        assertEquals("stagesim 0.1.0 (commit 66c0a4b1f2e3)", Origin.withCommit("stagesim 0.1.0", "66c0a4b1f2e3"));
        assertEquals("stagesim 0.1.0 (commit 66c0a4b-dirty)", Origin.withCommit("stagesim 0.1.0", "66c0a4b-dirty"));
    }

    @Test
    void noCommit_orNotAHash_leavesTheVersion() {
        assertEquals("stagesim 0.1.0", Origin.withCommit("stagesim 0.1.0", null));
        assertEquals("stagesim 0.1.0", Origin.withCommit("stagesim 0.1.0", ""));
        assertEquals("stagesim 0.1.0", Origin.withCommit("stagesim 0.1.0", "<script>"));
        assertEquals("stagesim 0.1.0", Origin.withCommit("stagesim 0.1.0", "abc"));
    }
}
