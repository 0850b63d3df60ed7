package io.certfleet.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events in the repository's {@code events/} folder, as handlers receive them. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("certfleet.events.dir", "../events"));
    }

    public static String read(String name) {
        Path file = directory().resolve(name);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("sample event " + file.toAbsolutePath() + " cannot be read", e);
        }
    }

    public static InputStream open(String name) {
        return new ByteArrayInputStream(read(name).getBytes(StandardCharsets.UTF_8));
    }
}
