package io.stagesim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The charts' data as JSON keeps the layout and digits of the files written before it went through
 * {@link Json}: a row to a line, numbers with the CSV's digits, empty cells null.
 */
final class ChartDataTest {

    @Test
    void table_rowToALine_numbersAsInTheCsv() {
        Charts.Table t = new Charts.Table(List.of("stage", "bound_per_s", "p99_ms", "met"), List.of(
                List.of("a", "1.00000e+06", "", "true"),
                List.of("b \"2\"", "-2.50000", "12", "false")));
        assertEquals("""
                {"columns": ["stage", "bound_per_s", "p99_ms", "met"],
                 "rows": [
                  ["a", 1.00000e+06, null, "true"],
                  ["b \\"2\\"", -2.50000, 12, "false"]]}
                """, t.json());
    }

    @Test
    void emptyTable_hasNoRows() {
        assertEquals("{\"columns\": [\"stage\"],\n \"rows\": []}\n",
                new Charts.Table(List.of("stage"), List.of()).json());
    }
}
