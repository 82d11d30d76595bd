package io.stagesim.assembly;

import io.stagesim.model.PsHost;
import io.stagesim.nodes.DatabaseNode;
import io.stagesim.nodes.HostState;
import io.stagesim.nodes.Node;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where a model's parts are, as the builder placed them, for what acts on them while it runs: the
 * nodes by service name, the CPUs and the state of each host, the databases on each host, and the
 * links between hosts.
 */
public final class Placement {

    private final Map<String, Node> nodes;
    private final Map<String, List<PsHost>> cpusOfHost;
    private final Map<String, HostState> hostStates;
    private final Map<String, List<DatabaseNode>> databasesOfHost;
    private final List<HostLink> links;

    Placement(Map<String, Node> nodes, Map<String, List<PsHost>> cpusOfHost, Map<String, HostState> hostStates,
            Map<String, List<DatabaseNode>> databasesOfHost, List<HostLink> links) {
        this.nodes = Collections.unmodifiableMap(nodes);
        this.cpusOfHost = cpusOfHost;
        this.hostStates = hostStates;
        this.databasesOfHost = databasesOfHost;
        this.links = Collections.unmodifiableList(links);
    }

    /** Every node by service name. */
    public Map<String, Node> nodes() {
        return nodes;
    }

    /** The processor-sharing CPUs on host {@code host}: its cores, and a dev server's GIL. */
    public List<PsHost> cpusOn(String host) {
        return cpusOfHost.getOrDefault(host, List.of());
    }

    /** Whether host {@code host} is up, down or hung. */
    public HostState hostState(String host) {
        return hostStates.get(host);
    }

    /** The databases on host {@code host}. */
    public List<DatabaseNode> databasesOn(String host) {
        return databasesOfHost.getOrDefault(host, List.of());
    }

    /** Every link between two services, with the hosts it joins. */
    public List<HostLink> links() {
        return links;
    }
}
