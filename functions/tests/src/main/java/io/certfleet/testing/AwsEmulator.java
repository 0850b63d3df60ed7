package io.certfleet.testing;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.local.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS emulator integration tests run against: the one {@code AWS_ENDPOINT_URL} names, else the one
 * {@code CERTFLEET_EMULATOR} chooses ({@link EmulatorChoice}): a moto server process started for this test run (the
 * default), or LocalStack in Docker through Testcontainers. Injected into test classes by {@link AwsEmulatorExtension}.
 */
public final class AwsEmulator implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    /** The account moto acts in for the default credentials. */
    public static final String ACCOUNT_ID = "123456789012";

    private final URI endpoint;
    private final MotoServer ownServer;
    private final LocalStackEmulator.Started ownLocalStack;
    private final AwsClients clients;

    private AwsEmulator(URI endpoint, MotoServer ownServer, LocalStackEmulator.Started ownLocalStack) {
        this.endpoint = endpoint;
        this.ownServer = ownServer;
        this.ownLocalStack = ownLocalStack;
        this.clients = new AwsClients(AwsSettings.forEmulator(endpoint, REGION));
    }

    static AwsEmulator acquire() {
        Optional<URI> configured = AwsSettings.endpointFromEnvironment(System.getenv());
        if (configured.isPresent()) {
            System.out.println("[aws-emulator] using " + AwsSettings.ENDPOINT_VARIABLE + "=" + configured.get());
            return new AwsEmulator(configured.get(), null, null);
        }
        if (EmulatorChoice.fromEnvironment(System.getenv()) == EmulatorChoice.LOCALSTACK) {
            LocalStackEmulator.Started localStack = LocalStackEmulator.start(System.getenv());
            System.out.println("[aws-emulator] started LocalStack (" + LocalStackEmulator.IMAGE + ") at "
                    + localStack.endpoint());
            return new AwsEmulator(localStack.endpoint(), null, localStack);
        }
        MotoServer server = MotoServer.start(Duration.ofSeconds(60));
        System.out.println("[aws-emulator] started moto server (pid " + server.pid() + ") at " + server.endpoint());
        return new AwsEmulator(server.endpoint(), server, null);
    }

    /** Forgets every resource, so that each test class starts from an empty account. */
    void reset(String forWhom) {
        if (ownServer != null && !ownServer.isAlive()) {
            throw new IllegalStateException("the moto server (pid " + ownServer.pid() + ") has died");
        }
        boolean reset = resetState();
        if (reset && ownLocalStack == null) {
            MotoServer.enforceIamAuthentication(endpoint, false);
        }
        System.out.println("[aws-emulator] " + (reset ? "reset" : "could NOT reset (not moto?)") + " " + endpoint
                + " for " + forWhom);
    }

    /** Each emulator's own reset: LocalStack's state endpoint, else moto's (also for an AWS_ENDPOINT_URL one). */
    private boolean resetState() {
        return ownLocalStack != null ? LocalStackEmulator.reset(endpoint) : MotoServer.reset(endpoint);
    }

    /** Forgets every resource now (between tests of one class). */
    public void resetNow() {
        if (!resetState()) {
            throw new IllegalStateException("the emulator at " + endpoint + " cannot be reset (not moto?)");
        }
    }

    /**
     * Makes moto check signatures and evaluate IAM policies until the returned handle is closed: the only way an
     * emulator can answer AccessDenied for real.
     */
    public AutoCloseable enforcingIamPolicies() {
        MotoServer.enforceIamAuthentication(endpoint, true);
        return () -> MotoServer.enforceIamAuthentication(endpoint, false);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** SDK clients for the emulator (us-east-1, test credentials), shared by the test run. */
    public AwsClients clients() {
        return clients;
    }

    /** SDK clients for the emulator in another region; the caller closes them. */
    public AwsClients clients(Region region) {
        return new AwsClients(AwsSettings.forEmulator(endpoint, region));
    }

    @Override
    public void close() {
        clients.close();
        if (ownServer != null) {
            ownServer.close();
            System.out.println("[aws-emulator] stopped moto server (pid " + ownServer.pid() + ")");
        }
        if (ownLocalStack != null) {
            ownLocalStack.close();
            System.out.println("[aws-emulator] stopped LocalStack");
        }
    }
}
