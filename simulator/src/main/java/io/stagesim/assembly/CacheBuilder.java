package io.stagesim.assembly;

import io.stagesim.model.Pool;
import io.stagesim.nodes.CacheCall;
import io.stagesim.nodes.CacheNode;
import io.stagesim.nodes.CallSite;
import io.stagesim.nodes.Link;
import io.stagesim.nodes.Node;
import io.stagesim.scenario.CacheSpec;
import io.stagesim.scenario.CallSpec;
import io.stagesim.scenario.FaultSpec;

/**
 * A cache on its host: its command threads as a pool, refills counted when a flush empties it, and
 * the calls views make to it, each with the calls a miss makes instead.
 */
final class CacheBuilder implements ServiceBuilder {

    private final CacheSpec spec;
    private final ModelBuilder b;

    CacheBuilder(CacheSpec spec, ModelBuilder b) {
        this.spec = spec;
        this.b = b;
    }

    @Override
    public Node create() {
        String n = spec.name();
        WebModel m = b.model();
        Pool threads = new Pool(b.sim(), n + "/threads", spec.threads());
        m.pools.add(new WebModel.LabelledPool(n, spec.threads() + " command thread(s)", threads));
        CacheNode cache = new CacheNode(n, b.hostCpu(spec), threads);
        if (b.scenario().faults().stream().anyMatch(f -> f instanceof FaultSpec.CacheFlush cf && cf.cache().equals(n))) {
            cache.countRefills(m.counter(n, "cache_refills"));
        }
        return cache;
    }

    @Override
    public CallSite callSite(CallSpec c, Caller caller, CallSite.Times times, String path) {
        Link link = b.link(caller.spec(), spec.name());
        CallSite[] miss = new CallSite[c.onMiss().size()];
        for (int i = 0; i < miss.length; i++) {
            miss[i] = b.site(c.onMiss().get(i), caller, path + "/miss" + i);
        }
        return new CacheCall(path, link, times,
                b.sampler(c.cpu() == null ? CacheSpec.DEFAULT_OP_CPU : c.cpu(), path + "/cpu"), c.hitRatio(), miss,
                b.stream(path + "/hits"));
    }
}
