package io.stagesim.scenario;

/** A place in a scenario file: 1-based line and column. */
public record Location(String file, int line, int column) {

    /** {@code file:line:column}, as editors and compilers print it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
