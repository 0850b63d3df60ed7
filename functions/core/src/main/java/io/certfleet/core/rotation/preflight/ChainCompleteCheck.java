package io.certfleet.core.rotation.preflight;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.ChainCertificate;
import java.util.List;

/**
 * The replacement's chain, as imported, links up from the leaf (each issuer the next one's subject) and ends at a
 * trusted root's name or a self-issued certificate that is one: what clients need to build the path without help.
 */
public final class ChainCompleteCheck implements PreflightCheck {

    @Override
    public String name() {
        return "chain-complete";
    }

    @Override
    public List<String> problems(PreflightContext context) {
        CertificateFacts leaf = context.replacement().facts();
        String issuer = leaf.issuer();
        String subject = leaf.subject();
        for (ChainCertificate next : leaf.chain()) {
            if (subject.equals(issuer)) {
                break; // a root: what follows it (moto appends its own "Amazon" root) plays no part in the path
            }
            if (!next.subject().equals(issuer)) {
                return List.of("the chain does not link up: '" + subject + "' is issued by '" + issuer + "', but the "
                        + "next certificate is '" + next.subject() + "'");
            }
            subject = next.subject();
            issuer = next.issuer();
        }
        boolean selfIssued = subject.equals(issuer);
        if (context.isTrustedRoot().test(selfIssued ? subject : issuer)) {
            return List.of();
        }
        return List.of(selfIssued
                ? "the chain ends at '" + subject + "', a root that is not trusted"
                : "the chain is incomplete: '" + subject + "' is issued by '" + issuer + "', which is neither "
                        + "imported with it nor a trusted root (import the replacement with its intermediates)");
    }
}
