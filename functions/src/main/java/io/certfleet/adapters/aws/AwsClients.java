package io.certfleet.adapters.aws;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place where AWS SDK clients are built: every client gets the same region, endpoint override,
 * credentials and HTTP client from {@link AwsSettings}. Clients are created on first use and cached.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final SdkHttpClient httpClient;
    private final ConcurrentHashMap<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
    private DynamoDbEnhancedClient dynamoDbEnhanced;

    public AwsClients(AwsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(AwsSettings.fromEnvironment());
    }

    public AwsSettings settings() {
        return settings;
    }

    public AcmClient acm() {
        return cached(AcmClient.class, () -> configure(AcmClient.builder()));
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

    public StsClient sts() {
        return cached(StsClient.class, () -> configure(StsClient.builder()));
    }

    /** Applies the settings to any service's client builder (for services without an accessor yet). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        builder.region(settings.region()).credentialsProvider(settings.credentials()).httpClient(httpClient);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C cached(Class<C> type, Supplier<C> factory) {
        return (C) clients.computeIfAbsent(type, key -> factory.get());
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        httpClient.close();
    }
}
