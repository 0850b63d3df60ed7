package io.certfleet.adapters.aws;

import io.certfleet.core.discovery.ScanScope;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Clients acting in an account and region: the caller's own credentials in its own account, else those of
 * {@code arn:aws:iam::<account>:role/<roleName>} assumed with them. The global scope of an account (CloudFront,
 * IAM) is us-east-1. Built once per scope, with the base's interceptors, and closed together.
 */
public final class ScopedClients implements AutoCloseable {

    static final Region GLOBAL_REGION = Region.US_EAST_1;

    private final AwsClients base;
    private final String roleName;
    private final Supplier<String> callerAccountId;
    private final String sessionName;
    private final Map<ScanScope, AwsClients> opened = new ConcurrentHashMap<>();

    /**
     * @param sessionName the role session name CloudTrail shows (2-64 of {@code [\w+=,.@-]}; longer is cut)
     */
    public ScopedClients(AwsClients base, String roleName, Supplier<String> callerAccountId, String sessionName) {
        this.base = Objects.requireNonNull(base, "base");
        this.roleName = Objects.requireNonNull(roleName, "roleName");
        this.callerAccountId = Objects.requireNonNull(callerAccountId, "callerAccountId");
        String cleaned = sessionName.replaceAll("[^\\w+=,.@-]", "-");
        this.sessionName = cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    public AwsClients forScope(ScanScope scope) {
        return opened.computeIfAbsent(scope, this::open);
    }

    private AwsClients open(ScanScope scope) {
        Region region = ScanScope.GLOBAL_REGION.equals(scope.region()) ? GLOBAL_REGION : Region.of(scope.region());
        return base.derive(base.settings().withRegion(region).withCredentials(credentialsFor(scope.accountId())),
                base.interceptors());
    }

    private AwsCredentialsProvider credentialsFor(String accountId) {
        if (accountId.equals(callerAccountId.get())) {
            return base.settings().credentials();
        }
        String roleArn = "arn:aws:iam::" + accountId + ":role/" + roleName;
        try {
            Credentials session = base.sts().assumeRole(request -> request.roleArn(roleArn)
                    .roleSessionName(sessionName).durationSeconds(3600)).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
                    session.secretAccessKey(), session.sessionToken()));
        } catch (SdkException failure) {
            throw AwsFailures.translate("sts:AssumeRole " + roleArn, failure);
        }
    }

    @Override
    public void close() {
        opened.values().forEach(AwsClients::close);
        opened.clear();
    }
}
