package io.certfleet.cli;

import io.certfleet.adapters.tls.TrustStores;
import io.certfleet.core.probe.TrustMaterial;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.ParameterException;

/** The TLS options that commands which shake hands share: trust ({@code --ca-file}) and an expected fingerprint. */
final class TlsOptions {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private TlsOptions() {
    }

    /** The JDK's roots, or instead the certificates of the {@code --ca-file}s. */
    static TrustMaterial trust(List<Path> caFiles, Function<String, ParameterException> usage) {
        if (caFiles.isEmpty()) {
            return TrustStores.jdkDefaults();
        }
        try {
            return TrustStores.fromPemFiles(caFiles);
        } catch (IllegalArgumentException e) {
            throw usage.apply("--ca-file " + e.getMessage());
        }
    }

    /** {@code --expect-sha256}: 64 hex digits, colons and letter case as the user likes. */
    static Optional<String> fingerprint(String text, Function<String, ParameterException> usage) {
        if (text == null) {
            return Optional.empty();
        }
        String normalized = text.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(normalized).matches()) {
            throw usage.apply("--expect-sha256 must be 64 hex digits (colons allowed), got '" + text + "'");
        }
        return Optional.of(normalized);
    }
}
