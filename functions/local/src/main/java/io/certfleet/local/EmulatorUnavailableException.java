package io.certfleet.local;

/** No AWS emulator could be had; the message says why and how to get one. */
public final class EmulatorUnavailableException extends RuntimeException {

    static final String HOW_TO_INSTALL = "Install moto with its server extras (certfleet is tested with 5.2.1): "
            + "pip install 'moto[server]==5.2.1' -- or point AWS_ENDPOINT_URL at a running emulator "
            + "(moto, LocalStack). See localstack/README.md.";

    public EmulatorUnavailableException(String reason) {
        super(reason.strip() + ". " + HOW_TO_INSTALL);
    }

    public EmulatorUnavailableException(String reason, Throwable cause) {
        super(reason.strip() + ". " + HOW_TO_INSTALL, cause);
    }
}
