/**
 * Reports: pure functions of results (and of the scenario, for its paths and its picture) into
 * text, JSON, CSV, HTML and charts. A service describes itself, so a new kind of service needs no
 * change here.
 */
package io.stagesim.report;
