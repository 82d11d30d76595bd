package io.stagesim.cli;

import io.stagesim.report.TextTable;

/** The terminal's width, as the shell tells it in {@code COLUMNS}; {@link TextTable#DEFAULT_WIDTH} when unknown. */
final class Terminal {

    /** The narrowest width honoured: picocli's help needs 55 columns, and tables need a few. */
    static final int NARROWEST = 60;

    private Terminal() {
    }

    /** The width to print to. */
    static int width() {
        return width(System.getenv("COLUMNS"));
    }

    /** The width {@code columns} (the value of {@code COLUMNS}, or null) asks for, at least {@link #NARROWEST}. */
    static int width(String columns) {
        if (columns == null) {
            return TextTable.DEFAULT_WIDTH;
        }
        try {
            return Math.max(NARROWEST, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return TextTable.DEFAULT_WIDTH;
        }
    }
}
