package io.certfleet.core.probe;

import io.certfleet.core.finding.FindingCode;
import java.util.Objects;

/**
 * Why no TLS conversation took place.
 *
 * @param code one of {@code DNS_FAILURE}, {@code CONNECTION_REFUSED}, {@code TIMEOUT}, {@code NOT_TLS}
 */
public record NetworkFailure(FindingCode code, String detail) {
    public NetworkFailure {
        Objects.requireNonNull(code, "code");
        detail = detail == null ? "" : detail;
    }
}
