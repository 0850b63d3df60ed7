package io.certfleet.adapters.aws.acm;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.CertificateTagger;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.Tag;

/** Tags an ACM certificate in its own account and region (read from its ARN); IAM certificates are left alone. */
public final class AcmCertificateTagger implements CertificateTagger {

    private final Function<ScanScope, AcmClient> clients;

    public AcmCertificateTagger(Function<ScanScope, AcmClient> clients) {
        this.clients = clients;
    }

    @Override
    public void tag(String certificateArn, Map<String, String> tags) {
        String[] parts = certificateArn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("acm")) {
            return;
        }
        try {
            clients.apply(new ScanScope(parts[4], parts[3])).addTagsToCertificate(request -> request
                    .certificateArn(certificateArn).tags(tags.entrySet().stream().map(tag -> Tag.builder()
                            .key(tag.getKey()).value(tag.getValue()).build()).toList()));
        } catch (SdkException failure) {
            throw AwsFailures.translate("acm:AddTagsToCertificate " + certificateArn, failure);
        }
    }
}
