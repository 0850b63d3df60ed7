package io.certfleet.core.finding;

import java.util.Objects;

/** One named cause with its severity and what exactly was seen. */
public record Finding(FindingCode code, Severity severity, String detail) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        detail = detail == null ? "" : detail;
    }
}
