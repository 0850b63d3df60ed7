package io.certfleet.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The SnapStart priming sends one real request per protocol, each only to the priming endpoint, signed with
 * throwaway credentials, never retried; the function's own clients (real endpoint, real credentials) make no call.
 */
class SnapStartPrimingTest {

    private static HttpServer recording(List<String> seen) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(exchange.getRequestBody().readAllBytes());
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            seen.add((target != null ? target : body.replaceAll("&.*", "")) + " "
                    + authorization.replaceAll(".*Credential=([^/]+)/.*", "$1"));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI endpoint(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void primingRequestsGoOnlyToThePrimingEndpointWithThrowawayCredentialsAndAreNotRetried() throws Exception {
        List<String> primed = new CopyOnWriteArrayList<>();
        List<String> realCalls = new CopyOnWriteArrayList<>();
        HttpServer priming = recording(primed);
        HttpServer real = recording(realCalls);
        try (AwsClients aws = new AwsClients(AwsSettings.forEmulator(endpoint(real), Region.EU_WEST_1))) {
            Wiring wiring = new Wiring(aws, Clock.systemUTC(), CertfleetSettings.fromEnvironment(Map.of()));

            int requests = new SnapStartPriming(wiring, endpoint(priming)).prime();

            assertThat(requests).isEqualTo(10);
            assertThat(primed).as("one request each, not retried, signed with the priming key").hasSize(10)
                    .allMatch(request -> request.endsWith(" priming"))
                    .contains("DynamoDB_20120810.GetItem priming", "Action=Publish priming",
                            "AWSEvents.PutEvents priming", "Action=DescribeSSLPolicies priming",
                            "Action=GetCallerIdentity priming", "CertificateManager.ListCertificates priming",
                            "Action=ListServerCertificates priming",
                            "ResourceGroupsTaggingAPI_20170126.GetResources priming");
            assertThat(realCalls).as("the function's own clients make no call before the first invocation").isEmpty();
        } finally {
            priming.stop(0);
            real.stop(0);
        }
    }

    @Test
    void againstTheClosedPortEveryPrimingRequestIsRefusedLocally() {
        assertThat(SnapStartPriming.CLOSED_PORT.getHost()).isEqualTo("127.0.0.1");
        try (AwsClients aws = new AwsClients(AwsSettings.forEmulator(SnapStartPriming.CLOSED_PORT, Region.US_EAST_1))) {
            Wiring wiring = new Wiring(aws, Clock.systemUTC(), CertfleetSettings.fromEnvironment(Map.of()));
            assertThat(new SnapStartPriming(wiring, SnapStartPriming.CLOSED_PORT).prime()).isEqualTo(10);
        }
    }
}
