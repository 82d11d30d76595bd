package io.stagesim.assembly;

import io.stagesim.model.Pool;
import io.stagesim.nodes.BalancingPolicy;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.LoadBalancerNode;
import io.stagesim.nodes.ManagedBalancerNode;
import io.stagesim.nodes.NginxBalancerNode;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.LoadBalancerSpec;
import io.stagesim.scenario.TlsSpec;
import io.stagesim.scenario.RequestSpec;
import io.stagesim.stats.CountRecorder;

/**
 * A load balancer: on a host of ours an NGINX balancer with its connection table and CPU, its
 * passive retries counted; without a host a managed one with its health checks. Its backends are
 * linked once every node exists.
 */
final class LoadBalancerBuilder implements ServiceBuilder {

    private final LoadBalancerSpec spec;
    private final ModelBuilder b;
    private LoadBalancerNode node;
    private CountRecorder passiveRetries;
    private CountRecorder writesFailed;

    LoadBalancerBuilder(LoadBalancerSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        BalancingPolicy.Kind policy = BalancingPolicy.Kind.of(spec.policy());
        if (spec.isManaged()) {
            LoadBalancerSpec.Managed x = spec.managed();
            node = new ManagedBalancerNode(n, b.sim().engine(), m.requests, m.network, x.latency(), policy,
                    b.stream(n + "/choice"), x.healthInterval(), x.unhealthyThreshold(), x.healthyThreshold(),
                    x.initialThreshold(), x.healthTimeout(), spec.readTimeout());
            return node;
        }
        LoadBalancerSpec.SelfHosted x = spec.selfHosted();
        Pool conns = new Pool(b.sim(), n + "/connections", x.workerConnections(), true, Pool.NO_LIMIT, -1);
        m.pools.add(new WebModel.LabelledPool(n, "connections", conns));
        passiveRetries = new CountRecorder(b.sim().windows());
        writesFailed = new CountRecorder(b.sim().windows());
        node = new NginxBalancerNode(n, b.sim().engine(), m.requests, b.hostCpu(spec), conns,
                b.sampler(x.cpu(), n + "/cpu"), policy, b.stream(n + "/choice"), x.healthStates(), x.failTimeout(),
                spec.readTimeout(), passiveRetries, RequestSpec.idempotent(b.scenario().requests().values()),
                x.nonIdempotent(), writesFailed);
        Pool processes = new Pool(b.sim(), n + "/workers", x.workers());
        m.pools.add(new WebModel.LabelledPool(n, "worker processes (" + x.workers() + ", one core each)", processes));
        ((NginxBalancerNode) node).processes(processes);
        TlsSpec tls = spec.clientFront().tls();
        if (tls != null) {
            ((NginxBalancerNode) node).tls(b.sampler(tls.handshakeCpu(), n + "/tls"),
                    b.sampler(tls.resumedCpu(), n + "/tls-resumed"), m.counter(n, "tls_full_handshakes"),
                    m.counter(n, "tls_resumed_handshakes"));
        }
        return node;
    }

    @Override
    public void connect() {
        Link[] links = new Link[spec.backends().size()];
        for (int i = 0; i < links.length; i++) {
            links[i] = b.link(spec, spec.backends().get(i));
            // a managed balancer streams bytes through without buffering: the client's last mile is
            // paid by the backend, holding its worker (A.10)
            b.transfers(links[i], spec.host(), b.scenario().services().get(spec.backends().get(i)).host(),
                    spec.isManaged());
            links[i].connectTimeout(spec.isManaged() ? spec.managed().connectTimeout()
                    : spec.selfHosted().connectTimeout());
        }
        node.connect(links);
        if (passiveRetries != null) { // reported after the counters of every service's creation, as always
            b.model().counters.add(new WebModel.LabelledCounter(spec.name(), "passive_retries", passiveRetries));
            b.model().counters.add(new WebModel.LabelledCounter(spec.name(), "writes_not_passed_on", writesFailed));
        }
    }
}
