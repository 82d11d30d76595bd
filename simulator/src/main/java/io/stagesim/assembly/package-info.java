/**
 * Assembly: a checked scenario built into a model for one replication. Each kind of service has
 * its builder (spec to nodes, pools, links and call sites), tied to the registry of kinds by one
 * switch that does not compile while a kind has none; every service goes through the same phases
 * in the scenario's order, so that the same seed always builds the same model.
 */
package io.stagesim.assembly;
