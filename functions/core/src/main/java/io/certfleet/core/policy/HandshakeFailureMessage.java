package io.certfleet.core.policy;

import io.certfleet.core.alerting.OwnerMessage;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What an endpoint's owners read when it newly fails clients' handshakes: where, every cause, what to do. */
final class HandshakeFailureMessage {

    private HandshakeFailureMessage() {
    }

    static OwnerMessage of(List<PolicyFinding> findings) {
        PolicyFinding first = findings.getFirst();
        Severity worst = findings.stream().map(PolicyFinding::severity).max(Comparator.naturalOrder()).orElseThrow();
        String codes = findings.stream().map(finding -> finding.code().name()).collect(Collectors.joining(", "));
        String endpoint = first.subject().replaceFirst("#", " ");
        StringBuilder body = new StringBuilder();
        body.append("What:  clients' TLS handshakes fail (or reach the wrong certificate) at this endpoint\n");
        body.append("Where: ").append(endpoint).append('\n');
        body.append("       certificate ").append(first.certificateArn()).append('\n');
        body.append("       account ").append(first.scope().accountId()).append(", ").append(first.scope().region())
                .append('\n');
        body.append("Owner: ").append(first.owner().isEmpty() ? "(none)" : first.owner()).append(", environment ")
                .append(first.environment().isEmpty() ? "(none)" : first.environment()).append(", profile ")
                .append(first.profile()).append('\n');
        body.append("Why:\n");
        for (PolicyFinding finding : findings) {
            body.append("       - ").append(finding.code()).append(" (").append(finding.severity().label())
                    .append("): ").append(finding.detail()).append('\n');
        }
        body.append("To do:\n");
        findings.stream().map(finding -> advice(finding.code())).distinct()
                .forEach(advice -> body.append("       - ").append(advice).append('\n'));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("owner", first.owner());
        attributes.put("environment", first.environment());
        attributes.put("severity", worst.label());
        attributes.put("code", findings.size() == 1 ? first.code().name() : "HANDSHAKE_FAILURE");
        attributes.put("certificateArn", first.certificateArn());
        String prefix = "[certfleet " + worst.label() + "] TLS fails at ";
        String resource = first.subject().substring(first.subject().indexOf('#') + 1);
        // An ARN's resource part (listener/app/shop/...); other ids (a load balancer's name:port, a domain) as they are
        String shortEndpoint = resource.startsWith("arn:") && resource.split(":", 6).length == 6
                ? resource.split(":", 6)[5] : resource;
        int room = OwnerMessage.MAX_SUBJECT - prefix.length() - codes.length() - 2;
        if (shortEndpoint.length() > room) {
            shortEndpoint = room > 1 ? "…" + shortEndpoint.substring(shortEndpoint.length() - room + 1) : "";
        }
        return new OwnerMessage(prefix + shortEndpoint + ": " + codes, body.toString(), attributes);
    }

    static String advice(FindingCode code) {
        return switch (code) {
            case EXPIRED, NOT_YET_VALID -> "serve a currently valid certificate: renew or re-import it (same ARN), "
                    + "or point the endpoint at its replacement";
            case INCOMPLETE_CHAIN -> "serve the intermediate(s): re-import the certificate with its chain (ACM "
                    + "CertificateChain, IAM --certificate-chain)";
            case UNTRUSTED_ROOT, SELF_SIGNED -> "serve a certificate from a CA the clients trust, or give the "
                    + "clients this CA (private PKI)";
            case HOSTNAME_MISMATCH -> "serve a certificate whose SANs cover the name clients ask for (add the "
                    + "SNI certificate to the listener, or reissue with the name)";
            case WRONG_CERTIFICATE -> "the endpoint serves another certificate than the one bound to it: a "
                    + "listener, distribution or DNS record still points at the old one";
            case REVOKED -> "replace the revoked certificate now";
            case PROTOCOL_MISMATCH, CIPHER_MISMATCH -> "choose a security policy that enables the profile's "
                    + "protocols and suites";
            case NOT_TLS, CONNECTION_REFUSED, TIMEOUT, DNS_FAILURE -> "check the endpoint is up and reachable on "
                    + "its port from the internet (listener, security group, DNS)";
            default -> "see the finding's detail";
        };
    }
}
