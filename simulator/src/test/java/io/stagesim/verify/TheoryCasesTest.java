package io.stagesim.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stagesim.run.ReplicationRunner;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator against queueing theory: every textbook case must reproduce its exact answers
 * (M/M/1, Erlang C, Pollaczek–Khinchine, M/M/c/K, Erlang B, PS, nested pool, Jackson, MVA) and
 * Little's law at every station, each within a 99.9 % confidence interval over seeded replications
 * that is also narrow enough for the check to have power. Conservation is checked in every run.
 */
final class TheoryCasesTest {

    static Stream<TheoryCase> cases() {
        return TheoryCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void simulation_matchesExactTheory(TheoryCase c) {
        List<Check> checks = Verifier.verify(c, 1, 2, ReplicationRunner.Progress.none());
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (Check k : checks) {
            report.append(String.format("%-50s exact %-12.6g simulated %s %s%n", k.label(), k.exact(),
                    k.simulated(), k.passed() ? "ok" : "FAILED"));
            ok &= k.passed();
        }
        System.out.print(c.name() + "\n" + report);
        assertTrue(ok, c.name() + "\n" + report);
    }
}
