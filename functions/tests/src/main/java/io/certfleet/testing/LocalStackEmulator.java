package io.certfleet.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack for the integration tests, through Testcontainers' LocalStack module ({@code CERTFLEET_EMULATOR=localstack}).
 * Its images need an auth token since March 2026 ({@code LOCALSTACK_AUTH_TOKEN}, passed through), and ELBv2 is in
 * its paid tier: the Pro image is used. Without a reachable Docker engine or without the token, the tests fail
 * with a message saying which is missing; they never fall back silently to another emulator.
 */
public final class LocalStackEmulator {

    /** The image, pinned (LocalStack's Pro image: ELBv2, CloudFront, Organizations are not in the community one). */
    public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack-pro:4.12")
            .asCompatibleSubstituteFor("localstack/localstack");
    public static final String TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";
    /** Every service certfleet's tests call. */
    public static final List<String> SERVICES = List.of("acm", "acm-pca", "apigateway", "cloudfront", "dynamodb",
            "ec2", "elb", "elbv2", "events", "iam", "organizations", "resourcegroupstaggingapi", "sns", "sqs", "sts");

    private LocalStackEmulator() {
    }

    /** The container's settings (data: building a Testcontainers container already needs Docker). */
    public record Configuration(DockerImageName image, Map<String, String> environment, int edgePort) {
    }

    /** The container as the tests would start it: image, token, services, the edge port. */
    public static Configuration configuration(Map<String, String> environment) {
        String token = environment.getOrDefault(TOKEN_VARIABLE, "").strip();
        if (token.isEmpty()) {
            throw new IllegalStateException(EmulatorChoice.VARIABLE + "=localstack needs " + TOKEN_VARIABLE
                    + " (LocalStack's images ask for an auth token since March 2026); unset "
                    + EmulatorChoice.VARIABLE + " to run on moto");
        }
        return new Configuration(IMAGE, Map.of(TOKEN_VARIABLE, token, "SERVICES", String.join(",", SERVICES),
                "ACM_VALIDATION_WAIT", "0"), 4566);
    }

    /** Starts LocalStack; fails, saying why, when the token is missing or Docker cannot be reached. */
    public static Started start(Map<String, String> environment, BooleanSupplier dockerAvailable) {
        Configuration configuration = configuration(environment);
        if (!dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(EmulatorChoice.VARIABLE + "=localstack needs a reachable Docker engine "
                    + "(Testcontainers found none); unset " + EmulatorChoice.VARIABLE + " to run on moto");
        }
        LocalStackContainer container = new LocalStackContainer(configuration.image());
        container.withEnv(configuration.environment());
        container.start();
        return new Started(container, URI.create(container.getEndpoint().toString()));
    }

    public static Started start(Map<String, String> environment) {
        return start(environment, () -> DockerClientFactory.instance().isDockerAvailable());
    }

    /** Forgets every resource (LocalStack's state reset endpoint); false when it does not answer 200. */
    public static boolean reset(URI endpoint) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        endpoint.resolve("/_localstack/state/reset"))
                .timeout(java.time.Duration.ofSeconds(60))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A running LocalStack: its edge endpoint; closing stops the container. */
    public record Started(LocalStackContainer container, URI endpoint) implements AutoCloseable {
        @Override
        public void close() {
            container.stop();
        }
    }
}
