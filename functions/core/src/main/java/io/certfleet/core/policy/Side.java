package io.certfleet.core.policy;

/** Where a policy finding was seen. */
public enum Side {
    /** In the stored certificate or the endpoint's configuration (its security policy). */
    CONFIGURATION,
    /** On the wire: the endpoint's latest TLS probe. */
    WIRE,
    /** The configuration says one thing and the wire shows another. */
    CONFIGURATION_VS_WIRE,
    /** A rotation's outcome: open until a rotation of the certificate succeeds (the policy never resolves it). */
    ROTATION
}
