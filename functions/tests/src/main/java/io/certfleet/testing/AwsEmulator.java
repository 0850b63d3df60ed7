package io.certfleet.testing;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.local.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS emulator integration tests run against: the one {@code AWS_ENDPOINT_URL} names, or a moto server process
 * started for this test run. Injected into test classes by {@link AwsEmulatorExtension}.
 */
public final class AwsEmulator implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    /** The account moto acts in for the default credentials. */
    public static final String ACCOUNT_ID = "123456789012";

    private final URI endpoint;
    private final MotoServer ownServer;
    private final AwsClients clients;

    private AwsEmulator(URI endpoint, MotoServer ownServer) {
        this.endpoint = endpoint;
        this.ownServer = ownServer;
        this.clients = new AwsClients(AwsSettings.forEmulator(endpoint, REGION));
    }

    static AwsEmulator acquire() {
        Optional<URI> configured = AwsSettings.endpointFromEnvironment(System.getenv());
        if (configured.isPresent()) {
            System.out.println("[aws-emulator] using " + AwsSettings.ENDPOINT_VARIABLE + "=" + configured.get());
            return new AwsEmulator(configured.get(), null);
        }
        MotoServer server = MotoServer.start(Duration.ofSeconds(60));
        System.out.println("[aws-emulator] started moto server (pid " + server.pid() + ") at " + server.endpoint());
        return new AwsEmulator(server.endpoint(), server);
    }

    /** Forgets every resource, so that each test class starts from an empty account. */
    void reset(String forWhom) {
        if (ownServer != null && !ownServer.isAlive()) {
            throw new IllegalStateException("the moto server (pid " + ownServer.pid() + ") has died");
        }
        boolean reset = MotoServer.reset(endpoint);
        if (reset) {
            MotoServer.enforceIamAuthentication(endpoint, false);
        }
        System.out.println("[aws-emulator] " + (reset ? "reset" : "could NOT reset (not moto?)") + " " + endpoint
                + " for " + forWhom);
    }

    /** Forgets every resource now (between tests of one class). */
    public void resetNow() {
        if (!MotoServer.reset(endpoint)) {
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
    }
}
