package io.stagesim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A terminal table that fits a width: columns sized to their widest cell, headed by their long
 * names when those fit and by their short names when not; then the least needed columns left out
 * (a note names them), and at last the one wrapping column's text wrapped onto further lines.
 * Sentences wrap to the same width ({@link #wrap}). No line is longer than the width, unless the
 * columns that are never left out are wider on their own.
 */
public final class TextTable {

    /** The width when the terminal's is unknown ({@code COLUMNS} unset). */
    public static final int DEFAULT_WIDTH = 100;

    /** The narrowest a wrapped column is made before columns are left out instead. */
    private static final int MIN_WRAP = 16;

    /**
     * A column: its name, a shorter name for narrow terminals, whether its figures are right-aligned,
     * its rank (0 is never left out; higher ranks go first), and whether its text may wrap.
     */
    public record Column(String name, String shortName, boolean right, int rank, boolean wraps) {
        /** A right-aligned figure column. */
        public static Column figure(String name, String shortName, int rank) {
            return new Column(name, shortName, true, rank, false);
        }

        /** A left-aligned text column. */
        public static Column text(String name, String shortName, int rank) {
            return new Column(name, shortName, false, rank, false);
        }

        /** A left-aligned text column whose cells wrap onto further lines when the table is too wide. */
        public static Column wrapping(String name, String shortName, int rank) {
            return new Column(name, shortName, false, rank, true);
        }
    }

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table of these columns, without rows yet. */
    public TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row, one cell per column. */
    public TextTable row(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " cells expected, got " + cells.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** Adds a row, one cell per column. */
    public TextTable row(String... cells) {
        return row(List.of(cells));
    }

    /** The table within {@code width} characters a line, with a note of any column left out. */
    public String render(int width) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            kept.add(i);
        }
        boolean shortNames = total(kept, false, width) > width;
        List<String> dropped = new ArrayList<>();
        while (total(kept, shortNames, width) > width) {
            int worst = -1;
            for (int i : kept) {
                if (columns.get(i).rank() > 0 && (worst < 0 || columns.get(i).rank() >= columns.get(worst).rank())) {
                    worst = i;
                }
            }
            if (worst < 0) {
                break; // only columns that must stay: the wrapping one takes what is left
            }
            kept.remove(Integer.valueOf(worst));
            dropped.add(0, columns.get(worst).name());
        }
        int[] w = new int[columns.size()];
        int used = 0;
        int wrapAt = -1;
        for (int i : kept) {
            w[i] = natural(i, shortNames);
            if (columns.get(i).wraps() && wrapAt < 0) {
                wrapAt = i;
            } else {
                used += w[i];
            }
        }
        used += 2 * (kept.size() - 1);
        if (wrapAt >= 0) {
            w[wrapAt] = Math.max(MIN_WRAP, Math.min(w[wrapAt], width - used));
        }
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>();
        for (Column c : columns) {
            head.add(shortNames ? c.shortName() : c.name());
        }
        line(sb, kept, w, head);
        for (List<String> r : rows) {
            line(sb, kept, w, r);
        }
        if (!dropped.isEmpty()) {
            sb.append(wrap("(left out to fit " + width + " columns: " + String.join(", ", dropped)
                    + "; widen the terminal or set COLUMNS to see them)", width, ""));
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<Integer> kept, int[] w, List<String> cells) {
        List<List<String>> parts = new ArrayList<>();
        int lines = 1;
        for (int i : kept) {
            List<String> p = columns.get(i).wraps() ? lines(cells.get(i), w[i]) : List.of(cells.get(i));
            parts.add(p);
            lines = Math.max(lines, p.size());
        }
        for (int l = 0; l < lines; l++) {
            StringBuilder one = new StringBuilder();
            for (int k = 0; k < kept.size(); k++) {
                int i = kept.get(k);
                String cell = l < parts.get(k).size() ? parts.get(k).get(l) : "";
                if (k > 0) {
                    one.append("  ");
                }
                String pad = " ".repeat(Math.max(0, w[i] - cell.length()));
                one.append(columns.get(i).right() ? pad + cell : cell + pad);
            }
            sb.append(one.toString().stripTrailing()).append('\n');
        }
    }

    private int natural(int i, boolean shortNames) {
        Column c = columns.get(i);
        int n = (shortNames ? c.shortName() : c.name()).length();
        for (List<String> r : rows) {
            n = Math.max(n, r.get(i).length());
        }
        return n;
    }

    /** The table's width with these columns, its wrapping column counted at no more than it can shrink to. */
    private int total(List<Integer> kept, boolean shortNames, int width) {
        int sum = 2 * (kept.size() - 1);
        for (int i : kept) {
            sum += columns.get(i).wraps() ? Math.min(natural(i, shortNames), MIN_WRAP) : natural(i, shortNames);
        }
        return sum;
    }

    /**
     * {@code text} with every line longer than {@code width} wrapped at spaces, its continuation
     * lines indented two more than the line itself; lines that fit are kept as they are.
     */
    public static String fit(String text, int width) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.length() <= width) {
                sb.append(line).append('\n');
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            indent = Math.min(indent, width / 2);
            List<String> parts = lines(line.substring(indent), width - indent);
            String first = parts.get(0);
            sb.append(" ".repeat(indent)).append(first).append('\n');
            String rest = String.join(" ", parts.subList(1, parts.size()));
            if (!rest.isEmpty()) {
                sb.append(wrap(rest, width, " ".repeat(indent + 2)));
            }
        }
        sb.setLength(sb.length() - 1); // the split gave one more line than the text ends with
        return sb.toString();
    }

    /** {@code text} wrapped at spaces to lines of at most {@code width}, the first and later lines after {@code indent}. */
    public static String wrap(String text, int width, String indent) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines(text, width - indent.length())) {
            sb.append(indent).append(l).append('\n');
        }
        return sb.toString();
    }

    /** {@code text} wrapped at spaces to lines of at most {@code width} (a longer word cut at the line's end). */
    static List<String> lines(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            while (word.length() > width && width > 0) { // a word longer than a line is cut where the line ends
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                out.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (cur.length() > 0 && cur.length() + 1 + word.length() > width) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(word);
        }
        if (cur.length() > 0 || out.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }
}
