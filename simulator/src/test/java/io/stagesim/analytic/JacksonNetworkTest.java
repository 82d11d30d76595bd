package io.stagesim.analytic;

import static io.stagesim.analytic.Approx.assertRejects;
import static io.stagesim.analytic.Approx.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stagesim.analytic.JacksonNetwork.Result;
import io.stagesim.analytic.JacksonNetwork.Station;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JacksonNetworkTest {

    // A tandem of M/M/1 stations has mean response equal to the sum of the M/M/1 responses.
    @Test
    void jackson_tandemEqualsSumOfMM1() {
        Result r = JacksonNetwork.tandem(2,
                List.of(Station.mm1(3), Station.mm1(5), Station.mm1(4)));
        double expected = MM1.meanResponseTime(2, 3) + MM1.meanResponseTime(2, 5)
                + MM1.meanResponseTime(2, 4);
        assertRel(expected, r.meanResponseTime());
        assertRel(2 * expected, r.meanNumberInSystem());
        assertRel(MM1.meanNumberInSystem(2, 5), r.stations().get(1).meanNumber());
        assertRel(0.5, r.stations().get(2).utilisation());
    }

    // Hand-solved traffic equations: γ = (1, 0, 0), 0 → 1 and 0 → 2 w.p. ½, 1 → 0 w.p. 0.2,
    // so λ0 = 1 + 0.1λ0 = 10/9 and λ1 = λ2 = 5/9.
    @Test
    void jackson_trafficEquationsMatchHandSolution() {
        double[][] routing = {{0, 0.5, 0.5}, {0.2, 0, 0}, {0, 0, 0}};
        double[] lambda = JacksonNetwork.trafficEquations(new double[] {1, 0, 0}, routing);
        assertRel(10.0 / 9, lambda[0], 1e-14);
        assertRel(5.0 / 9, lambda[1], 1e-14);
        assertRel(5.0 / 9, lambda[2], 1e-14);
    }

    // One M/M/1 with Bernoulli feedback ½: λ = 2γ = 2, W = 1/(4−2) per visit, two visits: R = 1.
    @Test
    void jackson_feedbackQueueMatchesHandComputedCase() {
        Result r = JacksonNetwork.solve(new double[] {1}, new double[][] {{0.5}},
                List.of(Station.mm1(4)));
        assertRel(2.0, r.stations().get(0).arrivalRate());
        assertRel(2.0, r.stations().get(0).visitRatio());
        assertRel(0.5, r.stations().get(0).meanResponseTime());
        assertRel(1.0, r.meanResponseTime());
        assertRel(1.0, r.meanNumberInSystem());
    }

    // Mixed M/M/c and delay stations: each station is its own M/M/c or M/M/∞ and R = L/Σγ.
    @Test
    void jackson_mixedStationsUseErlangCAndLittle() {
        double[][] routing = {{0, 1, 0}, {0, 0, 0.6}, {0.25, 0, 0}};
        List<Station> stations = List.of(Station.mmc(2, 3), Station.delay(0.5), Station.mm1(4));
        Result r = JacksonNetwork.solve(new double[] {2, 0, 1}, routing, stations);
        // λ0 = 2 + 0.25λ2, λ1 = λ0, λ2 = 1 + 0.6λ1 ⇒ λ0 = 2.25/0.85.
        double l0 = 2.25 / 0.85;
        double l2 = 1 + 0.6 * l0;
        assertRel(l0, r.stations().get(0).arrivalRate());
        assertRel(l2, r.stations().get(2).arrivalRate());
        assertRel(ErlangC.meanResponseTime(2, l0, 3), r.stations().get(0).meanResponseTime());
        assertRel(l0 / 0.5, r.stations().get(1).meanNumber());
        assertEquals(0.0, r.stations().get(1).utilisation());
        assertRel(MM1.meanNumberInSystem(l2, 4), r.stations().get(2).meanNumber());
        assertRel(r.meanNumberInSystem() / 3, r.meanResponseTime());
        assertRel(3.0, r.externalArrivalRate());
    }

    // Giving the visit ratios directly must agree with solving the routing.
    @Test
    void jackson_visitRatiosAgreeWithRouting() {
        List<Station> stations = List.of(Station.mm1(4));
        Result viaRouting = JacksonNetwork.solve(new double[] {1}, new double[][] {{0.5}},
                stations);
        Result viaVisits = JacksonNetwork.solveWithVisits(1, new double[] {2}, stations);
        assertRel(viaRouting.meanResponseTime(), viaVisits.meanResponseTime());
        assertRel(viaRouting.meanNumberInSystem(), viaVisits.meanNumberInSystem());
    }

    // Saturation, closed routing, bad probabilities and mismatched sizes must be explained.
    @Test
    void jackson_rejectsBadInputWithClearMessage() {
        assertRejects(() -> JacksonNetwork.tandem(3, List.of(Station.mm1(5), Station.mm1(3))),
                "station 1 is saturated", "rho = 1.0");
        assertRejects(() -> JacksonNetwork.trafficEquations(new double[] {1, 0},
                new double[][] {{0, 1}, {1, 0}}), "singular");
        assertRejects(() -> JacksonNetwork.trafficEquations(new double[] {1, 0},
                new double[][] {{0, 0.7}, {0.6, 0.5}}), "routing row 1", "1.1");
        assertRejects(() -> JacksonNetwork.trafficEquations(new double[] {1},
                new double[][] {{-0.1}}), "r[0][0]", "-0.1");
        assertRejects(() -> JacksonNetwork.solve(new double[] {1, 1}, new double[2][2],
                List.of(Station.mm1(5))), "expected 2 stations", "got 1");
        assertRejects(() -> Station.mmc(0, 1), "number of servers c", "0");
        assertRejects(() -> Station.delay(-1), "service rate mu", "-1.0");
    }
}
