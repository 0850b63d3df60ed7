package io.certfleet.testing;

import java.nio.file.Path;

/** Where the functions' modules are, for tests that read their sources or run their jars. */
public final class FunctionsModules {

    private FunctionsModules() {
    }

    /** {@code functions/}: the {@code certfleet.functions.dir} property the build sets, else {@code ../} of the tests module. */
    public static Path dir() {
        return Path.of(System.getProperty("certfleet.functions.dir", "..")).toAbsolutePath().normalize();
    }

    /** A module's main sources, e.g. {@code sources("core", "io/certfleet/core")}. */
    public static Path sources(String module, String packagePath) {
        return dir().resolve(module).resolve("src/main/java").resolve(packagePath);
    }
}
