/**
 * Assembly: a checked scenario built into a model for one replication. Each kind of service has
 * its builder (spec to nodes, pools, links and call sites), tied to the registry of kinds by one
 * switch that does not compile while a kind has none; every service goes through the same phases
 * in the scenario's order, so that the same seed always builds the same model. What acts on the
 * model while it runs (faults, deploys, autoscaling) is attached to it afterwards, from
 * {@code io.stagesim.operations}, before its workload starts.
 */
package io.stagesim.assembly;
