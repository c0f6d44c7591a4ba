package org.maecenas.payouts.web;

/** CSV fields (RFC 4180), with spreadsheet formula injection neutralised. */
final class Csv {

    private Csv() {}

    static String quote(String value) {
        String safe = value == null ? "" : value;
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
