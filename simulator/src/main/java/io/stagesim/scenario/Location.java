package io.stagesim.scenario;

/**
 * A place in a scenario file: 1-based line and column; line 0 for a value given outside any file
 * (a command line's {@code --set KEY=VALUE}, whose text is then the "file").
 */
public record Location(String file, int line, int column) {

    /** {@code file:line:column}, as editors and compilers print it; {@code --set k=v:} for a command line's. */
    @Override
    public String toString() {
        return line == 0 ? file + ":" : file + ":" + line + ":" + column;
    }
}
