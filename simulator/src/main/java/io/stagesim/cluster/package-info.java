/**
 * Sweeps on a Hazelcast cluster: members that run a sweep's points ({@code stagesim worker}), the
 * work items and results they exchange, signed with a shared secret, and the dispatcher a sweep
 * uses to hand the points out and collect them. Hazelcast is used only here (the layering test
 * checks it); this package knows points as opaque items, the command line says what they mean.
 */
package io.stagesim.cluster;
