/** The command line: parses options, runs the job, prints results, exits with a meaningful code. */
package io.stagesim.cli;
