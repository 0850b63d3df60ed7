package io.certfleet.local;

import io.certfleet.adapters.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS emulator a local command runs against: the one the user named ({@code --endpoint}, else
 * {@code AWS_ENDPOINT_URL}), or else a moto server started for this command and stopped when it closes.
 */
public final class LocalEmulator implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final MotoServer startedHere;

    private LocalEmulator(URI endpoint, MotoServer startedHere) {
        this.endpoint = endpoint;
        this.startedHere = startedHere;
    }

    public static LocalEmulator acquire(Optional<URI> explicitEndpoint, Map<String, String> env) {
        Optional<URI> named = explicitEndpoint.or(() -> AwsSettings.endpointFromEnvironment(env));
        if (named.isPresent()) {
            if (!MotoServer.answers(named.get())) {
                throw new EmulatorUnavailableException("Nothing answers at " + named.get()
                        + " (from --endpoint or AWS_ENDPOINT_URL); start it or unset the variable to let certfleet"
                        + " start moto itself");
            }
            return new LocalEmulator(named.get(), null);
        }
        MotoServer moto = MotoServer.start(START_TIMEOUT);
        return new LocalEmulator(moto.endpoint(), moto);
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean startedHere() {
        return startedHere != null;
    }

    public String describe() {
        return startedHere()
                ? "moto server at " + endpoint + " (pid " + startedHere.pid() + ", started for this run)"
                : "emulator at " + endpoint;
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.close();
        }
    }
}
