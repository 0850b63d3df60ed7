package io.certfleet.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {

    @Test
    void realAwsByDefault() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of());

        assertThat(settings.region()).isEqualTo(Region.US_EAST_1);
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void endpointOverrideAndRegionFromTheEnvironment() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000", "AWS_DEFAULT_REGION", "eu-central-1"));

        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(settings.region()).isEqualTo(Region.EU_CENTRAL_1);
        assertThat(settings.credentials()).isInstanceOf(StaticCredentialsProvider.class);
    }

    @Test
    void awsRegionWinsOverDefaultRegionAndConfiguredKeysAreKept() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_REGION", "ap-south-1",
                "AWS_DEFAULT_REGION", "eu-central-1", "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));

        assertThat(settings.region()).isEqualTo(Region.AP_SOUTH_1);
        assertThat(settings.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void aMalformedEndpointNamesTheVariable() {
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "localhost:5000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_ENDPOINT_URL must be an http(s) URL such as http://127.0.0.1:5000, got 'localhost:5000'");
    }
}
