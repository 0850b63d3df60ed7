package io.certfleet.core.probe;

/** Port: observes one endpoint over the network (never throws: failures are part of the observation). */
public interface TlsProber {

    EndpointObservation observe(ProbeTarget target, ProbeSettings settings);
}
