package io.stagesim.nodes;

import io.stagesim.random.Sampler;

/**
 * What a view does at one app server (or a task at one worker host): CPU, half before the calls
 * and half after, and the call sites in order.
 */
public record ViewPlan(Sampler cpu, CallSite[] calls) {
}
