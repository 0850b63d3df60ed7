package io.certfleet.core.rotation.preflight;

import io.certfleet.core.certificate.CertificateFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The replacement is valid now and ends after the old one (a rotation never shortens a certificate's life). */
public final class ValidityCheck implements PreflightCheck {

    @Override
    public String name() {
        return "valid-and-outlives";
    }

    @Override
    public List<String> problems(PreflightContext context) {
        CertificateFacts replacement = context.replacement().facts();
        Instant now = context.clock().instant();
        List<String> problems = new ArrayList<>();
        if (now.isBefore(replacement.notBefore())) {
            problems.add("the replacement is not valid before " + replacement.notBefore());
        }
        if (!now.isBefore(replacement.notAfter())) {
            problems.add("the replacement expired " + replacement.notAfter());
        }
        if (!replacement.notAfter().isAfter(context.old().facts().notAfter())) {
            problems.add("the replacement ends " + replacement.notAfter() + ", not after the certificate it replaces ("
                    + context.old().facts().notAfter() + ")");
        }
        return problems;
    }
}
