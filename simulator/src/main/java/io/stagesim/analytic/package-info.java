/**
 * Exact analytic results from queueing theory that serve as the oracle for simulation tests and
 * explain bottlenecks in reports: M/M/1, Erlang B and C (M/M/c/c and M/M/c), M/M/c/K, M/G/1
 * (Pollaczek–Khinchine), processor sharing, open Jackson networks, exact Mean Value Analysis for
 * closed networks, and the operational laws. All quantities are SI doubles: rates in 1/s, times in
 * seconds, service demands in seconds, mean numbers dimensionless. Every method validates its
 * inputs and throws {@link java.lang.IllegalArgumentException} naming the offending value, and the
 * algorithms are chosen to be numerically stable (Erlang B by its bounded recursion, M/M/c/K by a
 * normalised recursion from the mode, tail probabilities without cancellation).
 */
package io.stagesim.analytic;
