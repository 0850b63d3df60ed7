package io.certfleet.core.probe;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Port: finds a certificate's issuer that the server did not serve (e.g. through its AIA caIssuers URL). */
public interface IssuerLookup {

    IssuerLookup NONE = certificate -> Optional.empty();

    Optional<X509Certificate> issuerOf(X509Certificate certificate);
}
