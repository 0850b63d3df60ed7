package io.certfleet.adapters.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.acmpca.AcmPcaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place where AWS SDK clients are built: every client gets the same region, endpoint override,
 * credentials, HTTP client, retry mode and interceptors (API-call counting, rate limiting) from here. Clients are
 * created on first use and cached. Global services (IAM, CloudFront, Organizations) are signed for us-east-1.
 */
public final class AwsClients implements AutoCloseable {

    private static final Region GLOBAL_SIGNING_REGION = Region.US_EAST_1;

    private final AwsSettings settings;
    private final List<ExecutionInterceptor> interceptors;
    private final SdkHttpClient httpClient;
    private final PatchingHttpClient patchingHttpClient;
    private final boolean ownsHttpClient;
    private final boolean retries;
    private final AwsCallPolicy callPolicy;
    private final ConcurrentHashMap<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
    private DynamoDbEnhancedClient dynamoDbEnhanced;

    public AwsClients(AwsSettings settings) {
        this(settings, List.of());
    }

    /** Clients with the call policy of the environment ({@link AwsCallPolicy#fromEnvironment}). */
    public AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
        this(settings, interceptors, AwsCallPolicy.fromEnvironment(System.getenv()));
    }

    public AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors, AwsCallPolicy callPolicy) {
        this(settings, interceptors, UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build(), new PatchingHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(30)), true, true,
                callPolicy);
    }

    private AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors, SdkHttpClient httpClient,
                       PatchingHttpClient patchingHttpClient, boolean ownsHttpClient, boolean retries,
                       AwsCallPolicy callPolicy) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.interceptors = List.copyOf(interceptors);
        this.httpClient = httpClient;
        this.patchingHttpClient = patchingHttpClient;
        this.ownsHttpClient = ownsHttpClient;
        this.retries = retries;
        this.callPolicy = Objects.requireNonNull(callPolicy, "callPolicy");
    }

    /**
     * Clients that never retry, for priming before a SnapStart snapshot: every request is made for real (marshalled,
     * signed, sent, its failure read back), but to {@code endpoint}, with throwaway credentials.
     */
    public static AwsClients forPriming(AwsSettings settings) {
        return new AwsClients(settings, List.of(), UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(Duration.ofSeconds(1))
                .build(), new PatchingHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(1)), true, false,
                AwsCallPolicy.DEFAULT);
    }

    /** Clients from the environment's settings, their calls and retries counted ({@link #callRecorder()}). */
    public static AwsClients fromEnvironment() {
        return new AwsClients(AwsSettings.fromEnvironment(), List.of(new ApiCallRecorder()));
    }

    /** The first call recorder among this instance's interceptors: the one that sees every call of its clients. */
    public Optional<ApiCallRecorder> callRecorder() {
        return interceptors.stream().filter(ApiCallRecorder.class::isInstance).map(ApiCallRecorder.class::cast)
                .findFirst();
    }

    /** Clients with other settings and this instance's interceptors, sharing its HTTP client (closed by this one). */
    public AwsClients derive(AwsSettings otherSettings) {
        return derive(otherSettings, interceptors);
    }

    /**
     * Clients with other settings and these interceptors in front of this instance's (call counting of a caller
     * sees every call), sharing its HTTP client (closed by this one).
     */
    public AwsClients deriveWith(AwsSettings otherSettings, List<ExecutionInterceptor> moreInterceptors) {
        List<ExecutionInterceptor> all = new ArrayList<>(moreInterceptors);
        all.addAll(interceptors);
        return derive(otherSettings, all);
    }

    /** Clients with other settings and interceptors that share this instance's HTTP client (closed by this one). */
    public AwsClients derive(AwsSettings otherSettings, List<ExecutionInterceptor> otherInterceptors) {
        return new AwsClients(otherSettings, otherInterceptors, httpClient, patchingHttpClient, false, retries,
                callPolicy);
    }

    /** How long a call may take and how often it is tried, for every client of this instance. */
    public AwsCallPolicy callPolicy() {
        return callPolicy;
    }

    /** The interceptors every client of this instance has (call recording, rate limits). */
    public List<ExecutionInterceptor> interceptors() {
        return interceptors;
    }

    public AwsSettings settings() {
        return settings;
    }

    public AcmClient acm() {
        return cached(AcmClient.class, () -> configure(AcmClient.builder()));
    }

    public IamClient iam() {
        return cached(IamClient.class, () -> configureGlobal(IamClient.builder()));
    }

    public ElasticLoadBalancingV2Client elasticLoadBalancingV2() {
        return cached(ElasticLoadBalancingV2Client.class, () -> configure(ElasticLoadBalancingV2Client.builder()));
    }

    public ElasticLoadBalancingClient elasticLoadBalancing() {
        return cached(ElasticLoadBalancingClient.class, () -> configure(ElasticLoadBalancingClient.builder()));
    }

    public CloudFrontClient cloudFront() {
        return cached(CloudFrontClient.class, () -> configureGlobal(CloudFrontClient.builder()));
    }

    public ApiGatewayClient apiGateway() {
        return cached(ApiGatewayClient.class, () -> configure(ApiGatewayClient.builder(), settings.region(),
                patchingHttpClient.get()));
    }

    public ApiGatewayV2Client apiGatewayV2() {
        return cached(ApiGatewayV2Client.class, () -> configure(ApiGatewayV2Client.builder(), settings.region(),
                patchingHttpClient.get()));
    }

    public ResourceGroupsTaggingApiClient tagging() {
        return cached(ResourceGroupsTaggingApiClient.class,
                () -> configure(ResourceGroupsTaggingApiClient.builder()));
    }

    public OrganizationsClient organizations() {
        return cached(OrganizationsClient.class, () -> configureGlobal(OrganizationsClient.builder()));
    }

    public StsClient sts() {
        return cached(StsClient.class, () -> configure(StsClient.builder()));
    }

    public CloudWatchClient cloudWatch() {
        return cached(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()));
    }

    public AcmPcaClient acmPca() {
        return cached(AcmPcaClient.class, () -> configure(AcmPcaClient.builder()));
    }

    /** Route 53 is global: its one endpoint is in us-east-1 whatever the region. */
    public Route53Client route53() {
        return cached(Route53Client.class, () -> configureGlobal(Route53Client.builder()));
    }

    public SnsClient sns() {
        return cached(SnsClient.class, () -> configure(SnsClient.builder()));
    }

    public EventBridgeClient eventBridge() {
        return cached(EventBridgeClient.class, () -> configure(EventBridgeClient.builder()));
    }

    /** Path-style addressing when an endpoint is overridden (an emulator answers on one host, not per bucket). */
    public S3Client s3() {
        return cached(S3Client.class, () -> configure(S3Client.builder()
                .forcePathStyle(settings.endpoint().isPresent())));
    }

    /** Presigns with the same credentials, region and endpoint as {@link #s3()}. */
    public S3Presigner s3Presigner() {
        S3Presigner.Builder presigner = S3Presigner.builder().region(settings.region())
                .credentialsProvider(settings.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.endpoint()
                        .isPresent()).build());
        settings.endpoint().ifPresent(presigner::endpointOverride);
        return presigner.build();
    }

    public DynamoDbClient dynamoDb() {
        return cached(DynamoDbClient.class, () -> configure(DynamoDbClient.builder()));
    }

    public synchronized DynamoDbEnhancedClient dynamoDbEnhanced() {
        if (dynamoDbEnhanced == null) {
            dynamoDbEnhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb()).build();
        }
        return dynamoDbEnhanced;
    }

    /** Applies the settings to any service's client builder (for services without an accessor yet). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return configure(builder, settings.region());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configureGlobal(B builder) {
        return configure(builder, GLOBAL_SIGNING_REGION);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, Region region) {
        return configure(builder, region, httpClient);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, Region region,
                                                                                         SdkHttpClient http) {
        builder.region(region)
                .credentialsProvider(settings.credentials())
                .httpClient(http)
                .overrideConfiguration(overrides());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The call policy's ceiling and retries (none when priming). */
    private ClientOverrideConfiguration overrides() {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .executionInterceptors(interceptors)
                .apiCallTimeout(callPolicy.callTimeout());
        return (retries ? overrides.retryStrategy(callPolicy.retryStrategy())
                : overrides.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** One client of a type per instance, closed with it (for services without an accessor, e.g. the local loop's). */
    @SuppressWarnings("unchecked")
    public <C extends SdkClient> C cached(Class<C> type, Supplier<C> factory) {
        return (C) clients.computeIfAbsent(type, key -> factory.get());
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        if (ownsHttpClient) {
            httpClient.close();
            patchingHttpClient.close();
        }
    }

    /**
     * The HTTP client of the services that send PATCH (API Gateway's UpdateDomainName), which HttpURLConnection
     * cannot (aws/aws-sdk-java-v2#3046): Apache's, built on first use (most runs never need it) and shared.
     */
    private static final class PatchingHttpClient {
        private final Duration connectionTimeout;
        private final Duration socketTimeout;
        private SdkHttpClient client;

        PatchingHttpClient(Duration connectionTimeout, Duration socketTimeout) {
            this.connectionTimeout = connectionTimeout;
            this.socketTimeout = socketTimeout;
        }

        synchronized SdkHttpClient get() {
            if (client == null) {
                client = ApacheHttpClient.builder().connectionTimeout(connectionTimeout).socketTimeout(socketTimeout)
                        .build();
            }
            return client;
        }

        synchronized void close() {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }
}
