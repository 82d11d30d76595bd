/**
 * Scenarios: what a file says, read once and checked whole. Immutable spec records, one per kind
 * of service ({@link io.stagesim.scenario.ServiceKind} is the registry that lists the kinds, keyed by
 * their YAML {@code type}) and one per kind of fault ({@link io.stagesim.scenario.FaultKind}), each
 * binding its own keys with their defaults, checking its bounds in its compact constructor, and
 * answering for itself what the rest of the simulator asks of it (memory, routes, whether it runs
 * views, how {@code explain} describes it, how a fault describes itself); then the checks that
 * need the whole scenario, every problem reported at once with its file, line and column.
 */
package io.stagesim.scenario;
