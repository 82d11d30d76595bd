package io.stagesim.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Catches what a test's commands print to standard error (register with {@code @RegisterExtension}). */
final class StandardError implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream old;

    @Override
    public void beforeEach(ExtensionContext context) {
        old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(old);
    }

    /** Everything printed so far. */
    String text() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
