/**
 * The simulator checked against queueing theory: each theory case builds a small network on the
 * model's primitives, runs seeded replications and compares every measured figure with its exact
 * value (M/M/1, M/M/c, M/G/1, Erlang B, Jackson networks, MVA) within a confidence interval.
 */
package io.stagesim.verify;
