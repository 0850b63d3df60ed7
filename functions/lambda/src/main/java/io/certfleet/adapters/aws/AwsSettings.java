package io.certfleet.adapters.aws;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom certfleet talks to AWS: region, optional endpoint override (an emulator such as moto or
 * LocalStack), credentials. The same code runs against AWS or an emulator; only these settings differ.
 *
 * @param endpoint endpoint override for every service; empty means the real AWS endpoints
 */
public record AwsSettings(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {

    /** The variable that points every SDK client at one endpoint (also honoured by the AWS CLI and SDKs). */
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    static final Region DEFAULT_REGION = Region.US_EAST_1;
    /** Emulators accept any key; these are used only with an endpoint override and no credentials configured. */
    private static final AwsBasicCredentials EMULATOR_CREDENTIALS = AwsBasicCredentials.create("testing", "testing");

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Settings from the process environment ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, credentials chain). */
    public static AwsSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Region from {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else us-east-1; endpoint from
     * {@code AWS_ENDPOINT_URL}; credentials from the default chain, or fixed test keys when an endpoint is set and
     * no access key is configured.
     */
    public static AwsSettings fromEnvironment(Map<String, String> env) {
        Optional<URI> endpoint = endpointFromEnvironment(env);
        Region region = nonBlank(env.get("AWS_REGION"))
                .or(() -> nonBlank(env.get("AWS_DEFAULT_REGION")))
                .map(Region::of)
                .orElse(DEFAULT_REGION);
        boolean hasKeys = nonBlank(env.get("AWS_ACCESS_KEY_ID")).isPresent() || nonBlank(env.get("AWS_PROFILE")).isPresent();
        AwsCredentialsProvider credentials = endpoint.isPresent() && !hasKeys
                ? StaticCredentialsProvider.create(EMULATOR_CREDENTIALS)
                : DefaultCredentialsProvider.builder().build();
        return new AwsSettings(region, endpoint, credentials);
    }

    /** Settings for an emulator at {@code endpoint}, with test credentials. */
    public static AwsSettings forEmulator(URI endpoint, Region region) {
        return new AwsSettings(region, Optional.of(endpoint), StaticCredentialsProvider.create(EMULATOR_CREDENTIALS));
    }

    public AwsSettings withRegion(Region otherRegion) {
        return new AwsSettings(otherRegion, endpoint, credentials);
    }

    public AwsSettings withCredentials(AwsCredentialsProvider otherCredentials) {
        return new AwsSettings(region, endpoint, otherCredentials);
    }

    /** The endpoint {@code AWS_ENDPOINT_URL} names, if set; fails with the variable's name if it is not a URL. */
    public static Optional<URI> endpointFromEnvironment(Map<String, String> env) {
        return nonBlank(env.get(ENDPOINT_VARIABLE)).map(AwsSettings::endpointUri);
    }

    /** Parses an endpoint URL, failing with the variable's name when it is not an absolute http(s) URL. */
    private static URI endpointUri(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " is not a URL: '" + text + "'", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    ENDPOINT_VARIABLE + " must be an http(s) URL such as http://127.0.0.1:5000, got '" + text + "'");
        }
        return uri;
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
