/**
 * Random streams derived by name from a scenario seed, and the distributions of durations drawn
 * from them. Commons Math samples where it has the distribution; streams are xoshiro256++.
 */
package io.stagesim.random;
