package io.stagesim.nodes;

import io.stagesim.random.Sampler;

/**
 * What a view does at one app server (or a task at one worker host): CPU, half before the calls
 * and half after, and the call sites in order. {@code database} is the PostgreSQL-like database
 * the view connects to (the first one it calls), or null.
 */
public record ViewPlan(Sampler cpu, CallSite[] calls, DatabaseNode database) {
}
