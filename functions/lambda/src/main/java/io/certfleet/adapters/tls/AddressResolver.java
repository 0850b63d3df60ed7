package io.certfleet.adapters.tls;

import io.certfleet.core.probe.ProbeTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Where a probe target's TCP connection goes: DNS in production; the demo points names at its local servers. */
@FunctionalInterface
public interface AddressResolver {

    InetSocketAddress resolve(ProbeTarget target, Duration timeout) throws UnknownHostException;

    /** The system's resolver, given up after the timeout (the JDK's own lookup has none). */
    AddressResolver DNS = new AddressResolver() {
        /** Never closed: closing would wait for a hung lookup. */
        private static final ExecutorService LOOKUPS = Executors.newVirtualThreadPerTaskExecutor();

        @Override
        public InetSocketAddress resolve(ProbeTarget target, Duration timeout) throws UnknownHostException {
            String host = target.host();
            Future<InetAddress> address = LOOKUPS.submit(() -> InetAddress.getByName(host));
            try {
                return new InetSocketAddress(address.get(timeout.toMillis(), TimeUnit.MILLISECONDS), target.port());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof UnknownHostException unknown ? unknown
                        : new UnknownHostException(host + ": " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                address.cancel(true);
                throw new UnknownHostException(host + ": no answer from DNS within " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownHostException(host + ": interrupted");
            }
        }
    };
}
