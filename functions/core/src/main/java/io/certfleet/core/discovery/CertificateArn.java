package io.certfleet.core.discovery;

import java.util.Optional;

/**
 * The parts of a certificate's ARN certfleet reads: {@code arn:aws:acm:REGION:ACCOUNT:certificate/ID} or
 * {@code arn:aws:iam::ACCOUNT:server-certificate/NAME} (no region: IAM is global).
 *
 * @param service {@code acm} or {@code iam} (or whatever the ARN names)
 * @param region  empty for IAM
 */
public record CertificateArn(String arn, String service, String region, String accountId) {

    /** The parts, when {@code arn} is an ARN with a 12-digit account; empty otherwise. */
    public static Optional<CertificateArn> parse(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[4].matches("\\d{12}")) {
            return Optional.empty();
        }
        return Optional.of(new CertificateArn(arn, parts[2], parts[3], parts[4]));
    }

    public boolean isAcm() {
        return service.equals("acm");
    }

    /** Where it lives: its account-region, or the account's global scope for IAM. */
    public ScanScope scope() {
        return new ScanScope(accountId, region.isEmpty() || service.equals("iam") ? ScanScope.GLOBAL_REGION : region);
    }
}
