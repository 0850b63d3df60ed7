package io.certfleet.core.conformance;

import io.certfleet.core.certificate.CertificateFacts;
import java.util.Objects;

/**
 * One certificate of the chain a conformance report shows: the served ones in served order, then those the path
 * needed but the server did not send.
 *
 * @param position its place in the served chain (0 is the leaf); -1 when it was not served
 */
public record ChainLink(int position, Role role, CertificateFacts facts) {

    /** What the certificate is to the path from the leaf to a trusted root. */
    public enum Role {
        LEAF,
        INTERMEDIATE,
        /** A self-signed certificate the server sent (clients hold roots; sending one is harmless but wasted). */
        ROOT,
        /** Served, but not on the leaf's path (CHAIN_ORDER). */
        UNRELATED,
        /** Not served: a missing intermediate found among the known ones or through AIA (INCOMPLETE_CHAIN). */
        NOT_SERVED_INTERMEDIATE,
        /** Not served: the trusted root the path ends at (as it should be). */
        TRUST_ANCHOR
    }

    public ChainLink {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(facts, "facts");
    }
}
