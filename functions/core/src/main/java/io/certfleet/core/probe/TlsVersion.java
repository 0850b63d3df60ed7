package io.certfleet.core.probe;

import java.util.Arrays;
import java.util.Optional;

/** TLS protocol versions certfleet probes for, with their wire code and JSSE/IANA name. */
public enum TlsVersion {
    TLS_1_0(0x0301, "TLSv1"),
    TLS_1_1(0x0302, "TLSv1.1"),
    TLS_1_2(0x0303, "TLSv1.2"),
    TLS_1_3(0x0304, "TLSv1.3");

    private final int wire;
    private final String protocolName;

    TlsVersion(int wire, String protocolName) {
        this.wire = wire;
        this.protocolName = protocolName;
    }

    public int wire() {
        return wire;
    }

    /** {@code TLSv1.2}: the name JSSE and OpenSSL print. */
    public String protocolName() {
        return protocolName;
    }

    public static Optional<TlsVersion> ofWire(int wire) {
        return Arrays.stream(values()).filter(v -> v.wire == wire).findFirst();
    }

    public static Optional<TlsVersion> ofProtocolName(String name) {
        return Arrays.stream(values()).filter(v -> v.protocolName.equals(name)).findFirst();
    }
}
