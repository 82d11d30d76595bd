/**
 * Scenarios as data: a YAML file read with every value's place kept, bound to immutable spec
 * records (run settings, objective, network, hosts, services by kind, request classes, faults by
 * kind) and checked as a whole, so that every problem is listed at once with its place. The kind
 * registries ({@link io.stagesim.scenario.ServiceKind}, {@link io.stagesim.scenario.FaultKind}) are
 * the only places that list the kinds. Of the simulator it uses only the distributions of
 * {@code random}.
 */
package io.stagesim.scenario;
