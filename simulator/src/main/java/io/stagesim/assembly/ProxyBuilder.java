package io.stagesim.assembly;

import io.stagesim.model.Pool;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.nodes.ProxyNode;
import io.stagesim.nodes.RateLimit;
import io.stagesim.scenario.ProxySpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.scenario.Shedding;

/**
 * NGINX in front: its connection table (workers × worker_connections, refusing when full) on its
 * host's CPU, and its upstreams, each request class sent to the one its {@code app} names, else
 * the first.
 */
final class ProxyBuilder implements ServiceBuilder {

    private final ProxySpec spec;
    private final ModelBuilder b;
    private ProxyNode node;

    ProxyBuilder(ProxySpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        Pool conns = new Pool(b.sim(), n + "/connections", spec.workers() * spec.workerConnections(), true,
                Pool.NO_LIMIT, -1);
        m.pools.add(new WebModel.LabelledPool(n, "connections (" + spec.workers() + " × "
                + spec.workerConnections() + ")", conns));
        node = new ProxyNode(n, b.hostCpu(spec), conns, b.sampler(spec.cpu(), n + "/cpu"), spec.statics().serve(),
                b.sampler(spec.statics().cpu(), n + "/static"), spec.statics().cpuPerKb(),
                spec.tls() == null ? null : b.sampler(spec.tls().handshakeCpu(), n + "/tls"),
                spec.tls() == null ? null : b.sampler(spec.tls().resumedCpu(), n + "/tls-resumed"),
                spec.gzip().cpuPerKb(), spec.gzip().ratio(), spec.buffering().requests());
        if (spec.tls() != null) {
            node.countHandshakes(m.counter(n, "tls_full_handshakes"), m.counter(n, "tls_resumed_handshakes"));
        }
        node.readTimeout(m.requests, spec.readTimeout());
        Pool processes = new Pool(b.sim(), n + "/workers", spec.workers());
        m.pools.add(new WebModel.LabelledPool(n, "worker processes (" + spec.workers() + ", one core each)", processes));
        node.processes(processes);
        Shedding shed = spec.shedding();
        Pool limit = null;
        if (shed.limitsConnections()) {
            limit = new Pool(b.sim(), n + "/limit_conn", shed.maxConnections(), true, Pool.NO_LIMIT, -1);
            m.pools.add(new WebModel.LabelledPool(n, "limit_conn (" + shed.maxConnections() + ")", limit));
        }
        node.shedding(b.sim().engine(), shed.limitsRate() ? new RateLimit(shed.rate(), shed.burst(), shed.delay()) : null,
                limit);
        return node;
    }

    @Override
    public void connect() {
        Link[] links = new Link[spec.upstreams().size()];
        for (int i = 0; i < links.length; i++) {
            links[i] = b.link(spec, spec.upstreams().get(i));
            // without proxy_buffering (proxy_request_buffering) the upstream pays the client's last mile
            b.transfers(links[i], spec.host(), b.scenario().services().get(spec.upstreams().get(i)).host(),
                    !spec.buffering().responses(), !spec.buffering().requests());
            links[i].connectTimeout(spec.connectTimeout());
        }
        int[] route = new int[b.scenario().requests().size()];
        int c = 0;
        for (RequestSpec r : b.scenario().requests().values()) {
            int idx = r.app() == null ? -1 : spec.upstreams().indexOf(r.app());
            route[c++] = Math.max(0, idx);
        }
        node.upstreams(links, route);
    }
}
