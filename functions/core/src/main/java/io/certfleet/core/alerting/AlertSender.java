package io.certfleet.core.alerting;

/** Port: delivers an alert to the certificate's owners (an SNS topic with owner/environment/severity/code). */
public interface AlertSender {

    void send(ExpiryAlert alert, AlertMessage message);
}
