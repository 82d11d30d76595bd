/**
 * Run-time operations: what happens to a model while it runs, beyond its workload, attached to it
 * after it is built and before its workload starts. Faults (each kind's action, keyed by the
 * registry {@code io.stagesim.scenario.FaultKind}), deploys (rolling, blue-green, reload), the
 * autoscaling of app servers, and the fleets of app servers whose hosts start and stop, drained
 * before they stop. They act on the model through its nodes, hosts and links, and report to it
 * what they did (when a fault ended, what it lost, when a balancer noticed it).
 */
package io.stagesim.operations;
