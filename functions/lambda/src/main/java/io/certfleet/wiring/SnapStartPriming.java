package io.certfleet.wiring;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs before Lambda takes a function's SnapStart snapshot (a CRaC {@code beforeCheckpoint} hook), so that what a
 * first invocation would load is in the snapshot: the policy catalogue (the built-in profiles or the deployed
 * policy file, parsed), JSON reading and writing, and one request to each kind of service certfleet calls (DynamoDB,
 * SNS, EventBridge, ELB, STS, and the discovery sources ACM, IAM, CloudFront, API Gateway, tagging), each
 * marshalled, signed, sent and its failure read back.
 *
 * <p>Nothing that must be unique per execution environment enters the snapshot: the priming requests go to a
 * closed loopback port through their own clients, with throwaway credentials, no retries, and are closed again
 * (no connection survives, no real credentials are fetched); no {@code java.util.Random} is seeded. The function's
 * real clients are built (cheap) but make no call before the first invocation.
 */
public final class SnapStartPriming implements Resource {

    /** A port nothing listens on (the discard port): every priming request fails at once, locally. */
    static final URI CLOSED_PORT = URI.create("http://127.0.0.1:9");

    private final Wiring wiring;
    private final URI endpoint;

    SnapStartPriming(Wiring wiring, URI endpoint) {
        this.wiring = wiring;
        this.endpoint = endpoint;
    }

    /** Registers the hook with the JVM's checkpoint context; the caller keeps the returned object reachable. */
    static SnapStartPriming register(Wiring wiring) {
        SnapStartPriming priming = new SnapStartPriming(wiring, CLOSED_PORT);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the snapshot holds no connection, credential or seed of its own.
    }

    /** What a first invocation would load, loaded now; returns the number of priming requests made. */
    public int prime() {
        wiring.policies();
        primeJson();
        AwsSettings offline = new AwsSettings(wiring.aws().settings().region(), Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")));
        int requests = 0;
        try (AwsClients clients = AwsClients.forPriming(offline)) {
            requests += attempt(clients, aws -> aws.dynamoDb().getItem(request -> request.tableName("priming")
                    .key(Map.of("pk", AttributeValue.fromS("priming"), "sk", AttributeValue.fromS("priming")))));
            requests += attempt(clients, aws -> aws.sns().publish(request -> request
                    .topicArn("arn:aws:sns:us-east-1:000000000000:priming").message("priming")));
            requests += attempt(clients, aws -> aws.eventBridge().putEvents(request -> request
                    .entries(entry -> entry.source("certfleet").detailType("Priming").detail("{}"))));
            requests += attempt(clients, aws -> aws.elasticLoadBalancingV2().describeSSLPolicies(request -> { }));
            requests += attempt(clients, aws -> aws.sts().getCallerIdentity());
            // The discovery sources' protocols (JSON 1.1, query, REST-XML, REST-JSON): the scan worker's first call.
            requests += attempt(clients, aws -> aws.acm().listCertificates(request -> { }));
            requests += attempt(clients, aws -> aws.iam().listServerCertificates(request -> { }));
            requests += attempt(clients, aws -> aws.cloudFront().listDistributions(request -> { }));
            requests += attempt(clients, aws -> aws.apiGateway().getDomainNames(request -> { }));
            requests += attempt(clients, aws -> aws.tagging().getResources(request -> { }));
        }
        return requests;
    }

    /** Jackson's reading and writing (events in, results out), loaded on a mapper of its own. */
    private static void primeJson() {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        try {
            json.readTree(json.writeValueAsBytes(Map.of("primed", List.of(1, "one"), "at", java.time.Instant.EPOCH)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("priming JSON failed", e);
        }
    }

    private static int attempt(AwsClients clients, Consumer<AwsClients> request) {
        try {
            request.accept(clients);
        } catch (SdkException expected) {
            // the closed port refuses: the request went all the way through the client, which is the point
        }
        return 1;
    }
}
