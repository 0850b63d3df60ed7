package io.certfleet.adapters.aws.acm;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.CertificateArn;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.CertificateTagger;
import java.util.Map;
import java.util.Optional;
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
        Optional<CertificateArn> acm = CertificateArn.parse(certificateArn).filter(CertificateArn::isAcm);
        if (acm.isEmpty()) {
            return;
        }
        try {
            clients.apply(acm.get().scope()).addTagsToCertificate(request -> request
                    .certificateArn(certificateArn).tags(tags.entrySet().stream().map(tag -> Tag.builder()
                            .key(tag.getKey()).value(tag.getValue()).build()).toList()));
        } catch (SdkException failure) {
            throw AwsFailures.translate("acm:AddTagsToCertificate " + certificateArn, failure);
        }
    }
}
