/**
 * The web components as nodes a request walks through: browsers, proxies, balancers (NGINX's
 * passive detection and a managed balancer's health checks around one balancing policy), app
 * servers, databases, caches, task queues and object storage, the links between them, and the
 * call sites of views (one per kind of service called). Each node is a small state machine over
 * the queueing primitives of {@code model}; none knows how a scenario is written.
 */
package io.stagesim.nodes;
