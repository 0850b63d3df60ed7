package io.certfleet.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without moto, certfleet says how to get it (the tests that need it fail with this message; none skip). */
class MotoServerTest {

    @Test
    void anInterpreterThatCannotRunExplainsHowToInstallMoto() {
        assertThatThrownBy(() -> MotoServer.start("/nonexistent/python3", MotoServer.Concurrency.SERIAL, Duration.ofSeconds(5)))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("Cannot run '/nonexistent/python3' to start moto")
                .hasMessageContaining("pip install 'moto[server]==5.2.1'")
                .hasMessageContaining("AWS_ENDPOINT_URL");
    }

    @Test
    void anInterpreterWithoutMotoReportsItsOutput() {
        // `sh -m moto.server ...` fails at once, as `python3 -m moto.server` does where moto is not installed.
        assertThatThrownBy(() -> MotoServer.start("sh", MotoServer.Concurrency.THREADED, Duration.ofSeconds(10)))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("moto server (sh -m moto.server) exited; its output:")
                .hasMessageContaining("pip install");
    }
}
