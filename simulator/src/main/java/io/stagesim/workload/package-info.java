/**
 * Workloads: open Poisson arrivals with a time-varying rate, open visits of several page views
 * with think time between them, and closed populations of users with think time.
 */
package io.stagesim.workload;
