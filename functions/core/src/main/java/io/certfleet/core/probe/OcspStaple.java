package io.certfleet.core.probe;

/** What the server stapled to the handshake. */
public enum OcspStaple {
    /** No OCSP response stapled. */
    NONE,
    GOOD,
    REVOKED,
    /** A response whose status is unknown to the responder. */
    UNKNOWN,
    /** Something was stapled, but it is not a readable OCSP response. */
    UNREADABLE
}
