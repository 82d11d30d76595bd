package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class OperationalLawsTest {

    // Hand values: X = 20/s, D = 0.03 s gives U = 0.6; with 3 servers U = 0.2; D = V·S.
    @Test
    void laws_utilisationAndForcedFlowMatchHandValues() {
        assertRel(0.6, OperationalLaws.utilisation(20, 0.03));
        assertRel(0.2, OperationalLaws.utilisation(20, 0.03, 3));
        assertRel(0.03, OperationalLaws.demand(3, 0.01));
        assertRel(60, OperationalLaws.stationThroughput(3, 20));
    }

    // D = (0.05, 0.08, 0.12): the largest demand is the bottleneck, 1/0.12 bounds X, ΣD = 0.25;
    // with servers (1, 2, 4) the per-server demands are (0.05, 0.04, 0.03) so station 0 limits.
    @Test
    void laws_bottleneckAndBoundsMatchHandValues() {
        double[] d = {0.05, 0.08, 0.12};
        int[] m = {1, 2, 4};
        assertEquals(2, OperationalLaws.bottleneck(d));
        assertRel(1 / 0.12, OperationalLaws.throughputBound(d));
        assertEquals(0, OperationalLaws.bottleneck(d, m));
        assertRel(20, OperationalLaws.throughputBound(d, m));
        assertRel(0.25, OperationalLaws.minimumResponseTime(d));
        assertEquals(Double.POSITIVE_INFINITY, OperationalLaws.throughputBound(new double[] {0}));
    }

    // Little's law round-trips and the interactive law R = N/X − Z: 100 users, X = 40/s, Z = 2 s.
    @Test
    void laws_littleAndInteractiveResponseMatchHandValues() {
        assertRel(12, OperationalLaws.littleNumber(40, 0.3));
        assertRel(0.3, OperationalLaws.littleResponseTime(12, 40));
        assertRel(40, OperationalLaws.littleThroughput(12, 0.3));
        assertRel(0.5, OperationalLaws.interactiveResponseTime(100, 40, 2));
    }

    // The laws agree with exact models: M/M/1 L = λW and MVA's U_k = X·D_k.
    @Test
    void laws_agreeWithExactModels() {
        assertRel(MM1.meanNumberInSystem(3, 5),
                OperationalLaws.littleNumber(3, MM1.meanResponseTime(3, 5)));
        MvaResult r = Mva.solve(new double[] {0.1, 0.3}, 1.6, 10);
        assertRel(r.utilisation(10, 1), OperationalLaws.utilisation(r.throughput(10), 0.3));
        assertRel(r.responseTime(10),
                OperationalLaws.interactiveResponseTime(10, r.throughput(10), 1.6));
    }

    // Invalid inputs must fail with a message naming the value.
    @Test
    void laws_rejectsBadInputWithClearMessage() {
        assertRejects(() -> OperationalLaws.utilisation(-1, 0.1), "throughput X", "-1.0");
        assertRejects(() -> OperationalLaws.bottleneck(new double[0]), "at least one");
        assertRejects(() -> OperationalLaws.bottleneck(new double[] {1}, new int[] {0}),
                "servers[0]", "0");
        assertRejects(() -> OperationalLaws.throughputBound(new double[] {1, 2}, new int[] {1}),
                "one entry per demand");
        assertRejects(() -> OperationalLaws.littleResponseTime(1, 0), "throughput X", "0.0");
    }
}
