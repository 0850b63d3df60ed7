package io.certfleet.core.policy.rotation;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a profile's replacement certificates come from, as the policy file names it: {@code provided} (the owner
 * imports one into ACM, certfleet rolls it out), {@code acm-public} (ACM issues one for the same names, validated
 * through DNS) or {@code acm-private:CA_ARN} (ACM issues one from that AWS Private CA).
 *
 * @param certificateAuthorityArn the Private CA, for {@link Kind#ACM_PRIVATE} only
 */
public record IssuerChoice(Kind kind, String certificateAuthorityArn) {

    public enum Kind {
        PROVIDED("provided"), ACM_PUBLIC("acm-public"), ACM_PRIVATE("acm-private");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final IssuerChoice PROVIDED = new IssuerChoice(Kind.PROVIDED, null);
    public static final IssuerChoice ACM_PUBLIC = new IssuerChoice(Kind.ACM_PUBLIC, null);

    private static final Pattern CA_ARN = Pattern.compile(
            "arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\\d{12}:certificate-authority/[0-9A-Za-z-]{1,64}");

    public IssuerChoice {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ACM_PRIVATE) != (certificateAuthorityArn != null)) {
            throw new IllegalArgumentException("a certificate authority ARN goes with acm-private, and only there");
        }
        if (certificateAuthorityArn != null && !CA_ARN.matcher(certificateAuthorityArn).matches()) {
            throw new IllegalArgumentException("'" + certificateAuthorityArn + "' is not an AWS Private CA ARN "
                    + "(arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID)");
        }
    }

    /** Parses the policy file's (or the command line's) form; the message shows the forms. */
    public static IssuerChoice parse(String text) {
        String value = text.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("provided")) {
            return PROVIDED;
        }
        if (lower.equals("acm-public")) {
            return ACM_PUBLIC;
        }
        if (lower.startsWith("acm-private:")) {
            return new IssuerChoice(Kind.ACM_PRIVATE, value.substring("acm-private:".length()).strip());
        }
        throw new IllegalArgumentException("'" + text + "' is not an issuer: provided, acm-public or "
                + "acm-private:CA_ARN");
    }

    @Override
    public String toString() {
        return kind == Kind.ACM_PRIVATE ? kind.label() + ":" + certificateAuthorityArn : kind.label();
    }
}
