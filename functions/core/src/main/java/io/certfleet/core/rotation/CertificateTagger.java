package io.certfleet.core.rotation;

import java.util.Map;

/** Port: puts tags on a certificate where it lives (an ACM ARN names its account and region). */
public interface CertificateTagger {

    /** For setups that tag nothing. */
    CertificateTagger NONE = (arn, tags) -> { };

    void tag(String certificateArn, Map<String, String> tags);
}
