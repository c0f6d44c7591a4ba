package org.maecenas.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into one table with {@code COPY … FROM STDIN} (text format) through PgJDBC's copy
 * API. {@code FREEZE}: the table was truncated in the same transaction, so rows are written frozen
 * and all-visible (no hint-bit rewrite or vacuum pass later).
 */
final class CopyRows implements AutoCloseable {

    private final String table;
    private final PGCopyOutputStream stream;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(512);
    private final long started = System.nanoTime();
    private long rows;

    CopyRows(Connection connection, String table, String columns) throws SQLException {
        this(connection, table, columns, true);
    }

    /** Without {@code freeze}: into a table that was not truncated in this transaction. */
    CopyRows(Connection connection, String table, String columns, boolean freeze) throws SQLException {
        this.table = table;
        this.stream = new PGCopyOutputStream(
                connection.unwrap(PGConnection.class),
                "copy " + table + " (" + columns + ") from stdin" + (freeze ? " with (freeze)" : ""),
                1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /** One row; values are null, strings, numbers, booleans, instants or string arrays. */
    void row(Object... values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            append(values[i]);
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    private void append(Object value) {
        switch (value) {
            case null -> line.append("\\N");
            case String s -> escape(s);
            case Boolean b -> line.append(b ? 't' : 'f');
            case Instant t -> line.append(t);
            case String[] array -> escape(arrayLiteral(array));
            default -> line.append(value);
        }
    }

    private static String arrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(values[i].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        System.out.printf("  %-20s %,11d rows  %6.2f s%n", table, rows, (System.nanoTime() - started) / 1e9);
    }

    long rows() {
        return rows;
    }
}
