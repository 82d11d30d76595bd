package io.stagesim;

import io.stagesim.assembly.WebModel;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioRun;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks the books of every scenario run in the test suite with {@link Conservation}, whoever runs
 * it: a test through {@link Conservation}, the command line, a capacity search or a comparison.
 * Registered for every test class by JUnit's extension auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit-platform.properties}); it sets {@link ScenarioRun#setAudit} before the first test.
 * Tests that fork a JVM run the command line without it.
 */
public final class ConservationEverywhere implements BeforeAllCallback {

    private static final ScenarioRun.Audit CHECK = new ScenarioRun.Audit() {
        @Override
        public void model(WebModel m) {
            Conservation.check(m);
        }

        @Override
        public void results(ReplicationResult r) {
            Conservation.check(r);
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        ScenarioRun.setAudit(CHECK);
    }
}
