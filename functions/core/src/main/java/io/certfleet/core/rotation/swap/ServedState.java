package io.certfleet.core.rotation.swap;

import java.util.List;
import java.util.Objects;

/**
 * What a binding serves, as its service names it: enough to put it back exactly as it was.
 *
 * @param certificate     the certificate the binding answers with: an ACM or IAM certificate ARN (a CloudFront
 *                        distribution on an IAM server certificate: {@code iam:ID}, the id CloudFront keeps)
 * @param sniCertificates a load balancer listener's other (SNI) certificates, in the service's order; empty
 *                        elsewhere
 */
public record ServedState(String certificate, List<String> sniCertificates) {

    public ServedState {
        Objects.requireNonNull(certificate, "certificate");
        sniCertificates = List.copyOf(sniCertificates);
    }

    public static ServedState of(String certificate) {
        return new ServedState(certificate, List.of());
    }
}
