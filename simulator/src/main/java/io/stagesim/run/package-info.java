/** Running models: independent replications in parallel with deterministic, index-ordered results. */
package io.stagesim.run;
