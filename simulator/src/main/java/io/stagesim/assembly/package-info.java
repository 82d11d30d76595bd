/**
 * A scenario turned into a model for one replication: a CPU per host, the web components on them,
 * the links between them by placement, the view plans and the browsers, each random stream named
 * after the element and purpose it serves. What acts on the model while it runs (faults, deploys,
 * autoscaling) is attached to it afterwards, from {@code io.stagesim.operations}.
 */
package io.stagesim.assembly;
