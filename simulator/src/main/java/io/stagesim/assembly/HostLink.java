package io.stagesim.assembly;

import io.stagesim.nodes.Link;

/**
 * A link of the model and the hosts at its ends (null for a service outside our hosts), so that a
 * fault between two hosts finds the links it delays or cuts.
 */
record HostLink(String fromHost, String toHost, Link link) {
}
