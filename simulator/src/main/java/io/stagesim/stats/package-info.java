/**
 * Statistics in constant memory: per-window counters, time-weighted levels and latency histograms
 * on a shared window grid, warm-up removal (fixed or MSER-5) and Student-t confidence intervals
 * over replications.
 */
package io.stagesim.stats;
