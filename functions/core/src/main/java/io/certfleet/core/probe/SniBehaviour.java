package io.certfleet.core.probe;

/** How the server answered a handshake without SNI, compared with the one with SNI. */
public enum SniBehaviour {
    /** No SNI name was sent in the first place (an IP target without --sni). */
    NOT_APPLICABLE,
    /** Without SNI the server served the same certificate. */
    SAME_CERTIFICATE,
    /** Without SNI the handshake failed. */
    HANDSHAKE_FAILED,
    /** Without SNI the server served another certificate. */
    DIFFERENT_CERTIFICATE
}
