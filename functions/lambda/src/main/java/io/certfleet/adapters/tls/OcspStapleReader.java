package io.certfleet.adapters.tls;

import io.certfleet.core.probe.OcspStaple;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;

/** Reads a stapled OCSP response (Bouncy Castle): the status of the first certificate it answers for. */
final class OcspStapleReader {

    private OcspStapleReader() {
    }

    static OcspStaple read(List<byte[]> responses) {
        if (responses.isEmpty() || responses.getFirst().length == 0) {
            return OcspStaple.NONE;
        }
        try {
            OCSPResp response = new OCSPResp(responses.getFirst());
            if (response.getStatus() != OCSPResp.SUCCESSFUL
                    || !(response.getResponseObject() instanceof BasicOCSPResp basic)
                    || basic.getResponses().length == 0) {
                return OcspStaple.UNREADABLE;
            }
            SingleResp single = basic.getResponses()[0];
            Object status = single.getCertStatus();
            if (status == null) {
                return OcspStaple.GOOD;
            }
            return status instanceof RevokedStatus ? OcspStaple.REVOKED
                    : status instanceof UnknownStatus ? OcspStaple.UNKNOWN : OcspStaple.UNREADABLE;
        } catch (IOException | OCSPException | RuntimeException e) {
            return OcspStaple.UNREADABLE;
        }
    }
}
