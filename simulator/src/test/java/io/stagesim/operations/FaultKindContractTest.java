package io.stagesim.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.assembly.ModelBuilder;
import io.stagesim.run.ReplicationResult;
import io.stagesim.run.ScenarioRun;
import io.stagesim.scenario.FaultKind;
import io.stagesim.scenario.FaultSpec;
import io.stagesim.scenario.RunSpec;
import io.stagesim.scenario.Scenario;
import io.stagesim.scenario.ScenarioException;
import io.stagesim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault kind in the registry keeps its whole contract, so that a half-added kind fails here
 * rather than running silently wrong: it binds from YAML to its own record, it is shown in
 * {@code scenarios/reference.yaml}, its action acts for that record, and the reference scenario
 * with that fault alone runs with every page view accounted for, in each class and in the fault's
 * row.
 */
final class FaultKindContractTest {

    /** Replications tried for a fault with a probability below 1 to happen in one of them. */
    private static final int TRIES = 20;

    private static Scenario reference;

    @BeforeAll
    static void load() throws ScenarioException {
        reference = ScenarioLoader.load(Path.of("..", "scenarios", "reference.yaml"));
    }

    @Test
    void everyRecord_hasOneKind() {
        Set<Class<?>> records = Set.of(FaultSpec.class.getPermittedSubclasses());
        Set<Class<?>> kinds = Arrays.stream(FaultKind.values()).map(FaultKind::specClass).collect(Collectors.toSet());
        assertEquals(records, kinds);
        assertEquals(FaultKind.values().length, kinds.size(), "two kinds bind to one record");
    }

    // A record made in code (a test, a scenario changed by a command) is checked as a file is, naming the key.
    @Test
    void recordsMadeInCode_areRefusedNamingTheKey() {
        IllegalArgumentException steal = assertThrows(IllegalArgumentException.class,
                () -> new FaultSpec.NoisyNeighbour("web", 0, FaultSpec.PERMANENT, 0, 1));
        assertEquals("steal must be above 0 and at most 1, was 0.0", steal.getMessage());
        IllegalArgumentException lasting = assertThrows(IllegalArgumentException.class,
                () -> new FaultSpec.HostCrash("web", 0, 0, "blackhole", 1));
        assertEquals("for must be >= 1, was 0", lasting.getMessage());
    }

    @ParameterizedTest
    @EnumSource(FaultKind.class)
    void kind_bindsIsDocumentedAndActs(FaultKind kind) {
        assertSame(kind, FaultKind.ofType(kind.type()));
        List<FaultSpec> shown = reference.faults().stream().filter(f -> f.kind() == kind).toList();
        assertFalse(shown.isEmpty(), kind.type() + " is not shown in scenarios/reference.yaml");
        for (FaultSpec f : shown) {
            assertSame(kind.specClass(), f.getClass(), kind.type() + " bound to another record");
            assertTrue(f.describe().startsWith(kind.type()), "reports name the kind first: " + f.describe());
        }
        Operations ops = new Operations(ModelBuilder.build(reference, 1, 0));
        assertSame(kind.specClass(), FaultInjector.actionOf(kind, ops).spec(), kind.type() + " acts for another record");
    }

    @ParameterizedTest
    @EnumSource(FaultKind.class)
    void kind_runsWithEveryPageViewCounted(FaultKind kind) {
        FaultSpec f = reference.faults().stream().filter(x -> x.kind() == kind).findFirst().orElseThrow();
        RunSpec r = reference.run();
        Scenario alone = reference.withFaults(List.of(f))
                .withRun(new RunSpec(r.duration(), r.warmup(), 1, r.seed(), r.window()));
        ReplicationResult rep = null;
        for (int i = 0; i < TRIES && (rep == null || !rep.faults().get(0).happened()); i++) {
            rep = ScenarioRun.replication(alone, i);
        }
        ReplicationResult.FaultRow row = rep.faults().get(0);
        assertTrue(row.happened(), f.describe() + " never happened in " + TRIES + " replications");
        for (ReplicationResult.ClassRow c : rep.classes()) {
            long failed = c.errors().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(c.offered() + c.openAtStart(), c.completed() + failed + c.unfinished(),
                    kind.type() + ", class " + c.name());
        }
        assertEquals(row.failed(), row.errors().values().stream().mapToLong(Long::longValue).sum(), row.toString());
        assertEquals(row.offered(), row.completed() + row.failed() + row.unfinished(), row.toString());
        assertTrue(row.offered() > 0, "no page view met " + f.describe());
    }
}
