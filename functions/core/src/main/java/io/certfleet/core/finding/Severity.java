package io.certfleet.core.finding;

import java.util.Locale;

/** How bad a finding is; ordered from least to most severe. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
