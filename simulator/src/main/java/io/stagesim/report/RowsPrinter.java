package io.stagesim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The layout of the charts' data files, a table on one line per row:
 * <pre>{"columns": ["stage", "p99_ms"],
 *  "rows": [
 *   ["a", 12.5],
 *   ["b", 40.1]]}</pre>
 * An object's fields go one to a line; an array inside an array starts a line of its own, and the
 * values of an array of values stay on one line. One instance per document (it keeps state).
 */
final class RowsPrinter implements PrettyPrinter, Instantiatable<RowsPrinter> {

    /** For each array open, innermost first: whether an array was begun inside it. */
    private final Deque<Boolean> holdsArrays = new ArrayDeque<>();

    @Override
    public RowsPrinter createInstance() {
        return new RowsPrinter();
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
        g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(",\n ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        // the generator has entered the new array already: its parent is where it stands
        if (g.getOutputContext().getParent().inArray()) {
            holdsArrays.pop();
            holdsArrays.push(true);
            g.writeRaw("\n  ");
        }
        holdsArrays.push(false);
        g.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        holdsArrays.pop();
        g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(Boolean.TRUE.equals(holdsArrays.peek()) ? "," : ", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {
    }
}
