/**
 * The discrete-event kernel: a nanosecond clock, a pending-event set ordered by (time, priority,
 * sequence) and handlers. It imports nothing but {@code java.*} and knows nothing of what is
 * simulated; queueing primitives and web components are built on top of it.
 */
package io.stagesim.engine;
