package io.stagesim.scenario;

/** A scenario that cannot be run, with every problem found in it. */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Problems problems;

    /** An exception carrying {@code problems} (not empty). */
    public ScenarioException(Problems problems) {
        super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the scenario:\n"
                + problems.format());
        this.problems = problems;
    }

    /** The problems, sorted by place. */
    public Problems problems() {
        return problems;
    }
}
