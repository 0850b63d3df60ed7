package io.certfleet.core.inventory;

/** How close a certificate is to its end; the first two are the finding codes of the product contract. */
public enum ExpiryStatus {
    /** Past {@code notAfter}. */
    EXPIRED,
    /** Within the warning window. */
    EXPIRING_SOON,
    /** Further out than the warning window. */
    OK,
    /** The stored body could not be read, so its expiry is unknown. */
    UNREADABLE
}
