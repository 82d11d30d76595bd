/**
 * Workloads: open Poisson arrivals with a time-varying rate, and closed populations of users with
 * think time.
 */
package io.stagesim.workload;
