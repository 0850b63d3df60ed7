package io.certfleet.core.alerting;

import java.time.Instant;

/**
 * Port: which expiry threshold was last alerted for a certificate and subject (its ARN for expiry alerts,
 * {@code RENEWAL#<ARN>} for ACM renewal-action alerts). Claiming is atomic, so that concurrent or repeated
 * evaluations never send one threshold twice.
 */
public interface AlertLedger {

    /**
     * Records {@code threshold} as alerted unless it, or a more urgent one, already is.
     *
     * @return true when this caller won the claim and must send the alert
     */
    boolean claim(String certificateId, String subject, long threshold, Instant at);

    /** Gives a claim back after the alert could not be sent, so that the next run sends it. */
    void release(String certificateId, String subject, long threshold);
}
