package io.certfleet.testing;

import java.util.Locale;
import java.util.Map;

/**
 * Which AWS emulator the integration tests run on: {@code CERTFLEET_EMULATOR} = {@code moto} (the default: a
 * {@code python3 -m moto.server} process) or {@code localstack} (LocalStack in Docker, through Testcontainers;
 * needs a reachable Docker engine and {@code LOCALSTACK_AUTH_TOKEN}). {@code AWS_ENDPOINT_URL}, when set, wins over
 * both: the tests use that running emulator.
 */
public enum EmulatorChoice {
    MOTO,
    LOCALSTACK;

    public static final String VARIABLE = "CERTFLEET_EMULATOR";

    /** The choice the environment makes; an unknown value is an error that names the variable. */
    public static EmulatorChoice fromEnvironment(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "").strip();
        if (value.isEmpty()) {
            return MOTO;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(VARIABLE + ": '" + value + "' is not an emulator the tests run on "
                    + "(moto, localstack)");
        }
    }
}
