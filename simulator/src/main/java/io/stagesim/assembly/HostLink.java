package io.stagesim.assembly;

import io.stagesim.nodes.Link;
import java.util.Objects;

/**
 * A link of the model and the hosts at its ends (null for a service outside our hosts), so that a
 * fault between two hosts finds the links it delays or cuts.
 */
public record HostLink(String fromHost, String toHost, Link link) {

    /** True when it joins hosts {@code a} and {@code b}, either way round. */
    public boolean joins(String a, String b) {
        return Objects.equals(fromHost, a) && Objects.equals(toHost, b)
                || Objects.equals(fromHost, b) && Objects.equals(toHost, a);
    }
}
