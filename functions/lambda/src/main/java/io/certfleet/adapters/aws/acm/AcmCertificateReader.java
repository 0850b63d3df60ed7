package io.certfleet.adapters.aws.acm;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.ListedCertificate;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.CertificateReader;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.Tag;

/** Reads one ACM certificate where it lives: status, tags, PEM body and chain ({@code GetCertificate}). */
public final class AcmCertificateReader implements CertificateReader {

    private final Function<ScanScope, AcmClient> clients;

    public AcmCertificateReader(Function<ScanScope, AcmClient> clients) {
        this.clients = clients;
    }

    @Override
    public Optional<ListedCertificate.Fetched> read(CertificateLocation location) {
        AcmClient acm = clients.apply(location.scope());
        try {
            CertificateDetail detail = acm.describeCertificate(request -> request.certificateArn(location.arn()))
                    .certificate();
            Map<String, String> tags = acm.listTagsForCertificate(request -> request.certificateArn(location.arn()))
                    .tags().stream().collect(Collectors.toMap(Tag::key, tag -> tag.value() == null ? "" : tag.value(),
                            (first, second) -> second));
            if (!"ISSUED".equals(detail.statusAsString())) {
                return Optional.of(new ListedCertificate.Fetched(location, detail.statusAsString(), "", tags, "",
                        null));
            }
            GetCertificateResponse body = acm.getCertificate(request -> request.certificateArn(location.arn()));
            return Optional.of(new ListedCertificate.Fetched(location, detail.statusAsString(),
                    String.valueOf(detail.notAfter()), tags, body.certificate(), body.certificateChain()));
        } catch (ResourceNotFoundException missing) {
            return Optional.empty();
        } catch (SdkException failure) {
            throw AwsFailures.translate("acm:DescribeCertificate " + location.arn(), failure);
        }
    }
}
