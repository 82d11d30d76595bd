/**
 * Queueing primitives built on the engine: a multi-server FCFS station with an optional finite
 * waiting room, a processor-sharing host CPU, an infinite-server delay, and a counting pool held
 * across nested work. Jobs are small state machines that the primitives resume.
 */
package io.stagesim.model;
