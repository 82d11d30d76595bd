package io.stagesim.cluster;

import java.nio.file.Path;

/** Measures a work item's point on a worker: what the command line gives the worker to do. */
@FunctionalInterface
public interface PointRunner {

    /**
     * The point of {@code item} as text, its scenario being {@code scenario}: a path among the
     * item's own files, in a file system that holds those files and nothing else. An exception's
     * message says why the point cannot be measured.
     */
    String run(WorkItem item, Path scenario) throws Exception;
}
