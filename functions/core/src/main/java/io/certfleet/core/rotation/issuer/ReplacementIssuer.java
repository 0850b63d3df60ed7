package io.certfleet.core.rotation.issuer;

/**
 * Port: makes a replacement certificate for a rotation in every account-region its bindings need one, one adapter
 * per issuer ({@code acm-public}, {@code acm-private:CA_ARN}); {@code provided} needs none (the owner imported it).
 * Called again while an issuance is pending, with what was requested the first time, it asks ACM again rather than
 * requesting anew. No private key ever leaves the adapter except into ACM.
 */
public interface ReplacementIssuer {

    Issuance issue(IssueOrder order);
}
