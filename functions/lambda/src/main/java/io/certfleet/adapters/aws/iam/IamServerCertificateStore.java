package io.certfleet.adapters.aws.iam;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.CertificateStore;
import io.certfleet.core.discovery.ListedCertificate;
import io.certfleet.core.discovery.ScanScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServerCertificate;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM server certificates of one account (a global service: records live in the account's global scope). Every
 * certificate is read on every scan ({@code GetServerCertificate}, which also brings its tags): list metadata is
 * not trusted (emulators report fixed dates and ids), and AWS's default quota keeps them at 20 per account.
 */
public final class IamServerCertificateStore implements CertificateStore {

    /** IAM server certificates have no status; present ones are reported as usable. */
    static final String STATUS = "ISSUED";

    private final IamServerCertificates certificates;
    private final ScanScope globalScope;

    public IamServerCertificateStore(IamServerCertificates certificates, String accountId) {
        this.certificates = certificates;
        this.globalScope = new ScanScope(accountId, ScanScope.GLOBAL_REGION);
    }

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.IAM;
    }

    @Override
    public List<ListedCertificate> list(Map<String, String> knownVersions) {
        try {
            List<ListedCertificate> listed = new ArrayList<>();
            for (ServerCertificateMetadata metadata : certificates.metadata()) {
                CertificateLocation location = new CertificateLocation(CertificateSource.IAM, metadata.arn(),
                        globalScope.accountId(), globalScope.region());
                read(location, metadata, metadata.serverCertificateId() + "|" + metadata.uploadDate(), listed);
            }
            return listed;
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    private void read(CertificateLocation location, ServerCertificateMetadata metadata, String version,
                      List<ListedCertificate> listed) {
        try {
            ServerCertificate certificate = certificates.client().getServerCertificate(request -> request
                    .serverCertificateName(metadata.serverCertificateName())).serverCertificate();
            listed.add(new ListedCertificate.Fetched(location, STATUS, version, tags(certificate),
                    certificate.certificateBody(), certificate.certificateChain()));
        } catch (NoSuchEntityException deletedSinceListed) {
            // gone between list and read: as if not listed
        }
    }

    private static Map<String, String> tags(ServerCertificate certificate) {
        Map<String, String> tags = new HashMap<>();
        for (Tag tag : certificate.tags()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }
}
