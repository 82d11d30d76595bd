/**
 * {@code stagesim calibrate}: fits a scenario to a team's own measurements. Access logs (NGINX
 * with a documented {@code log_format}, Gunicorn with {@code %(D)s}) give request classes (by URL
 * rules), their shares, rates and sizes; per-process CPU samples ({@code pidstat -h} output or
 * {@code /proc/<pid>/stat} snapshots) give each process group's CPU over the same intervals; a
 * non-negative least-squares regression of utilisation on per-class throughput (the service demand
 * law, several classes at once) gives each class's CPU demand at each group with its confidence
 * interval, R² and warnings when a class cannot be told apart. Depends on {@code scenario} only to
 * check that what it writes loads.
 */
package io.stagesim.calibrate;
