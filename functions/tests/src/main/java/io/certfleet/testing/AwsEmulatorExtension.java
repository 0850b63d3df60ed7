package io.certfleet.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real AWS emulator over HTTP: {@code AWS_ENDPOINT_URL} if set, otherwise a moto server
 * ({@code python3 -m moto.server}) started once for the whole test run on a free loopback port and stopped at the
 * end. State is reset before each test class. When no emulator can be had, the test class <b>fails</b> with a
 * message saying how to install one; it never skips.
 *
 * <p>Use {@code @ExtendWith(AwsEmulatorExtension.class)} and take an {@link AwsEmulator} parameter (constructor,
 * {@code @BeforeAll}, {@code @BeforeEach} or test method).
 */
public final class AwsEmulatorExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AwsEmulatorExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context).reset(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    /** One emulator per test run, kept in the root store, which closes it when the run ends. */
    private static AwsEmulator emulator(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(AwsEmulator.class, key -> AwsEmulator.acquire(), AwsEmulator.class);
    }
}
