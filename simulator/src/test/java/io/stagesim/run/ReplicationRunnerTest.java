package io.stagesim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stagesim.verify.Check;
import io.stagesim.verify.TheoryCase;
import io.stagesim.verify.TheoryCases;
import io.stagesim.verify.Verifier;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ReplicationRunnerTest {

    // Same seed => identical numbers whatever the number of threads running replications.
    @Test
    void results_doNotDependOnThreadCount() {
        TheoryCase c = TheoryCases.all().stream().filter(t -> t.name().equals("closed-mva")).findFirst().orElseThrow();
        List<Check> one = Verifier.verify(c, 7, 1, ReplicationRunner.Progress.none());
        List<Check> two = Verifier.verify(c, 7, 2, ReplicationRunner.Progress.none());
        assertEquals(one, two);
    }

    // Results come back in replication order even when later ones finish first.
    @Test
    void results_comeBackInIndexOrder() {
        List<Integer> out = ReplicationRunner.run(8, 4, i -> {
            try {
                Thread.sleep((8 - i) * 5L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return i;
        }, ReplicationRunner.Progress.none());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), out);
    }

    @Test
    void failureInAReplication_isRethrown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ReplicationRunner.run(3, 2, i -> {
            if (i == 1) {
                throw new IllegalStateException("boom in 1");
            }
            return i;
        }, ReplicationRunner.Progress.none()));
        assertEquals("boom in 1", e.getMessage());
    }
}
