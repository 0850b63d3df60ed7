package io.certfleet.adapters.aws.iam;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;

/**
 * The IAM server certificates of one account, listed once per work item and shared by the IAM store and the
 * sources that reference them by id (CloudFront's {@code IAMCertificateId}).
 */
public final class IamServerCertificates {

    private final IamClient iam;
    private List<ServerCertificateMetadata> metadata;

    public IamServerCertificates(IamClient iam) {
        this.iam = iam;
    }

    public IamClient client() {
        return iam;
    }

    /** Metadata of every server certificate (dates in it are not trusted: the body is parsed instead). */
    public synchronized List<ServerCertificateMetadata> metadata() {
        if (metadata == null) {
            metadata = iam.listServerCertificatesPaginator().serverCertificateMetadataList().stream().toList();
        }
        return metadata;
    }

    /** ARN by server certificate id. */
    public Map<String, String> arnsById() {
        return metadata().stream().collect(Collectors.toMap(ServerCertificateMetadata::serverCertificateId,
                ServerCertificateMetadata::arn, (first, second) -> first));
    }

    /** Metadata by ARN. */
    public Map<String, ServerCertificateMetadata> byArn() {
        return metadata().stream().collect(Collectors.toMap(ServerCertificateMetadata::arn, Function.identity(),
                (first, second) -> first));
    }
}
