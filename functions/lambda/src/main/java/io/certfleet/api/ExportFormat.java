package io.certfleet.api;

import io.certfleet.core.compliance.ExportCertificates;
import io.certfleet.core.policy.EvaluatePolicy;
import io.certfleet.core.policy.PolicyFinding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inventory export's rows: one flat record per certificate, the same fields in CSV (a header, then a row each,
 * RFC 4180 quoting) and JSON (an array of objects). {@link #COLUMNS} is the documented list, in order.
 */
public enum ExportFormat {
    CSV("text/csv; charset=utf-8", "csv"),
    JSON("application/json", "json");

    /** Every column, in order: the CSV header and the JSON fields. */
    public static final List<String> COLUMNS = List.of("id", "sha256", "source", "arn", "accountId", "region", "status",
            "subject", "sans", "issuer", "serial", "notBefore", "notAfter", "daysToExpiry", "keyAlgorithm", "keySize",
            "signatureAlgorithm", "owner", "ownerSource", "environment", "environmentSource", "endpoints",
            "endpointIds", "openFindings", "worstOpenSeverity", "openCodes", "firstSeen", "lastSeen");

    final String contentType;
    final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The columns taken as they are from the certificate's record ({@link InventoryJson#entry}). */
    private static final List<String> CERTIFICATE_COLUMNS = COLUMNS.subList(0, COLUMNS.indexOf("endpoints"));

    /**
     * One certificate as its export row: the record's own fields as the API lists them (lists space-separated),
     * then its endpoints and open findings (values are strings, numbers or null).
     */
    public static Map<String, Object> row(ExportCertificates.Exported exported) {
        Map<String, Object> certificate = InventoryJson.entry(exported.entry(), Map.of());
        List<PolicyFinding> open = exported.openFindings();
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : CERTIFICATE_COLUMNS) {
            Object value = certificate.get(column);
            row.put(column, value instanceof List<?> list ? list.stream().map(String::valueOf)
                    .collect(Collectors.joining(" ")) : value);
        }
        row.put("endpoints", exported.entry().bindings().size());
        row.put("endpointIds", exported.entry().bindings().stream().map(EvaluatePolicy::subject)
                .collect(Collectors.joining(" ")));
        row.put("openFindings", open.size());
        row.put("worstOpenSeverity", open.stream().map(PolicyFinding::severity).max(Comparator.naturalOrder())
                .map(severity -> severity.label()).orElse(null));
        row.put("openCodes", open.stream().map(finding -> finding.code().name()).distinct().sorted()
                .collect(Collectors.joining(" ")));
        row.put("firstSeen", certificate.get("firstSeen"));
        row.put("lastSeen", certificate.get("lastSeen"));
        return row;
    }

    /** Streams rows to {@code out}: {@link #begin}, {@link #write} each row, then {@link #end}. */
    public final class Writer {
        private final OutputStream out;
        private boolean first = true;

        Writer(OutputStream out) {
            this.out = out;
        }

        public void begin() {
            emit(ExportFormat.this == CSV ? String.join(",", COLUMNS) + "\r\n" : "[");
        }

        public void write(Map<String, Object> row) {
            if (ExportFormat.this == CSV) {
                emit(COLUMNS.stream().map(column -> csvCell(row.get(column))).collect(Collectors.joining(","))
                        + "\r\n");
            } else {
                emit((first ? "\n" : ",\n") + Json.compact(row));
            }
            first = false;
        }

        public void end() {
            if (ExportFormat.this == JSON) {
                emit(first ? "]" : "\n]");
            }
        }

        private void emit(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Writer writer(OutputStream out) {
        return new Writer(out);
    }

    /**
     * A CSV cell: empty for null; quoted when it holds a comma, quote or line break. Text that a spreadsheet would
     * run as a formula (starting with {@code = + - @}, tab or carriage return) gets a leading {@code '} (OWASP's
     * CSV injection advice): certificate fields come from whoever made the certificate.
     */
    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    static ExportFormat of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
