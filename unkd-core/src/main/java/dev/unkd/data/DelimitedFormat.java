package dev.unkd.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The layout of a delimited text file: which column holds what, the delimiter, and whether the
 * first line is a header. Columns after the last named one are ignored.
 *
 * @param columns   the meaning of each column in order; must name exactly one user and one item
 *                  column and at most one rating and one timestamp column
 * @param delimiter the literal field separator, or {@link #WHITESPACE} for runs of spaces and tabs
 * @param header    whether the first line (after blank lines and {@code #} comments) is a header
 */
public record DelimitedFormat(List<Column> columns, String delimiter, boolean header) {
    /** Delimiter value meaning "any run of spaces and tabs". */
    public static final String WHITESPACE = "whitespace";

    /** {@code user item} per line, separated by spaces or tabs, extra columns ignored. */
    public static final DelimitedFormat PAIRS = new DelimitedFormat(List.of(Column.USER, Column.ITEM), WHITESPACE, false);

    /** What a column holds. */
    public enum Column {
        USER, ITEM, RATING, TIMESTAMP, SKIP
    }

    public DelimitedFormat {
        columns = List.copyOf(columns);
        if (delimiter == null || delimiter.isEmpty()) {
            throw new IllegalArgumentException("Invalid delimiter: '" + delimiter + "'");
        }
        for (Column c : Column.values()) {
            long n = columns.stream().filter(c::equals).count();
            boolean required = c == Column.USER || c == Column.ITEM;
            if (c != Column.SKIP && (n > 1 || (required && n == 0))) {
                throw new IllegalArgumentException("Invalid columns: " + columns
                        + " (need exactly one user and one item column, at most one rating and one timestamp column)");
            }
        }
    }

    /**
     * Parses a column list such as {@code user,item,rating,timestamp} ({@code -} or {@code _}
     * skips a column; {@code time} means timestamp) and a delimiter name: {@code comma} (or
     * {@code ,}), {@code tab} (or {@code \t}), {@code semicolon}, {@code pipe},
     * {@code whitespace} (or {@code space}), or any other literal string such as {@code ::}.
     */
    public static DelimitedFormat parse(String columnSpec, String delimiterName, boolean header) {
        List<Column> columns = new ArrayList<>();
        for (String name : columnSpec.split(",", -1)) {
            columns.add(column(name.strip()));
        }
        return new DelimitedFormat(columns, delimiter(delimiterName), header);
    }

    /** Comma separated with the given columns and no header. */
    public static DelimitedFormat csv(String columnSpec) {
        return parse(columnSpec, ",", false);
    }

    private static Column column(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "user" -> Column.USER;
            case "item" -> Column.ITEM;
            case "rating" -> Column.RATING;
            case "timestamp", "time" -> Column.TIMESTAMP;
            case "-", "_" -> Column.SKIP;
            default -> throw new IllegalArgumentException("Invalid column name: '" + name
                    + "' (expected user, item, rating, timestamp, or - to skip)");
        };
    }

    private static String delimiter(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid delimiter: '" + name + "'");
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "comma" -> ",";
            case "tab", "\\t" -> "\t";
            case "semicolon" -> ";";
            case "pipe" -> "|";
            case "whitespace", "space", " " -> WHITESPACE;
            default -> name;
        };
    }

    /** Number of fields a row needs: up to the last non-skipped column. */
    int requiredFields() {
        int last = -1;
        for (int k = 0; k < columns.size(); k++) {
            if (columns.get(k) != Column.SKIP) {
                last = k;
            }
        }
        return last + 1;
    }

    /** Position of column {@code c}, or -1 when absent. */
    int indexOf(Column c) {
        return columns.indexOf(c);
    }
}
