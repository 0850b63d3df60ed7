package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;

/**
 * A member account's ACM events reach certfleet's central bus, on moto, as far as its EventBridge goes: the member
 * template's forwarding rule (its event pattern, its target resolved with the template's parameters) is created in
 * a member account of an Organization, the central template's rule on certfleet's bus in the central account;
 * ACM-shaped events put in the member account arrive on the central bus, others do not. (moto runs no Lambda: the
 * central rule's target is an SQS queue here instead of {@code AcmEvents}; the handler's own test feeds it events.)
 */
@ExtendWith(AwsEmulatorExtension.class)
class MemberEventForwardingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "certfleet";
    private final AwsEmulator emulator;

    MemberEventForwardingIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void aMemberAccountsAcmEventsArriveOnTheCentralBusAndNothingElseDoes() throws Exception {
        emulator.resetNow();
        JsonNode member = JSON.valueToTree(SynthesizedTemplates.member().toJSON());
        JsonNode central = JSON.valueToTree(SynthesizedTemplates.central().toJSON());

        // Central account: certfleet's bus, with the central template's rules for member accounts' ACM events
        // (the alerts' and the renewal check's), each to a queue standing in for its target.
        AwsClients centralClients = emulator.clients();
        LocalAlertRouting routing = new LocalAlertRouting(centralClients);
        String received = routing.queue("forwarded-acm-events");
        String renewals = routing.queue("forwarded-renewals");
        String busArn = centralClients.eventBridge().createEventBus(request -> request.name(BUS)).eventBusArn();
        Map<String, String> rules = Map.of("ExpiryAlertsMemberAcmEvents", received,
                "FleetScanMemberRenewalCheck", renewals);
        rules.forEach((prefix, queue) -> {
            JsonNode centralRule = resource(central, "AWS::Events::Rule", prefix);
            centralClients.eventBridge().putRule(request -> request.name(prefix).eventBusName(BUS)
                    .eventPattern(centralRule.path("Properties").path("EventPattern").toString()));
            centralClients.eventBridge().putTargets(request -> request.rule(prefix).eventBusName(BUS)
                    .targets(target -> target.id("target").arn(routing.queueArn(queue))));
        });

        // Member account: the member template's rule on its default bus, target resolved with the parameters.
        FleetSeeder seeder = new FleetSeeder(centralClients);
        seeder.ensureOrganization();
        String memberAccount = seeder.ensureAccount("forwarding-member", Map.of());
        JsonNode forward = resource(member, "AWS::Events::Rule", "ForwardAcmEvents").path("Properties");
        String target = resolve(forward.path("Targets").get(0).path("Arn"), Map.of(
                "CentralAccountId", AwsEmulator.ACCOUNT_ID, "CentralRegion", AwsEmulator.REGION.id(),
                "AWS::Partition", "aws"));
        assertThat(target).isEqualTo(busArn);
        try (FleetSeeder.Account account = seeder.in(memberAccount, Region.US_EAST_1)) {
            var events = account.clients().eventBridge();
            events.putRule(request -> request.name("certfleet-forward-acm-events")
                    .eventPattern(forward.path("EventPattern").toString()));
            events.putTargets(request -> request.rule("certfleet-forward-acm-events")
                    .targets(t -> t.id("CertfleetBus").arn(target)));

            JsonNode expiring = JSON.readTree(SampleEvents.read("acm-approaching-expiration.json"));
            JsonNode renewal = JSON.readTree(SampleEvents.read("acm-renewal-action-required.json"));
            for (JsonNode event : List.of(expiring, renewal)) {
                events.putEvents(request -> request.entries(entry -> entry.source("aws.acm")
                        .detailType(event.path("detail-type").asText()).detail(event.path("detail").toString())
                        .resources(event.path("resources").get(0).asText())));
            }
            // Forwarded too (the renewal check acts on it), but not to the alerts' rule; not forwarded: another
            // ACM event, and another source.
            events.putEvents(request -> request.entries(
                    entry -> entry.source("aws.acm").detailType("ACM Certificate Available")
                            .detail("{\"Action\": \"RENEWAL\"}"),
                    entry -> entry.source("aws.acm").detailType("ACM Certificate Expired").detail("{}"),
                    entry -> entry.source("aws.elasticloadbalancing").detailType("ACM Certificate Approaching "
                            + "Expiration").detail("{}")));
        }

        List<JsonNode> arrived = new ArrayList<>();
        for (String body : routing.drain(received)) {
            arrived.add(JSON.readTree(body));
        }
        assertThat(arrived).extracting(event -> event.path("detail-type").asText())
                .containsExactlyInAnyOrder("ACM Certificate Approaching Expiration",
                        "ACM Certificate Renewal Action Required");
        // moto 5.2.1 leaves "account" (and "resources") out of events it delivers to SQS; the source stays.
        assertThat(arrived).allSatisfy(event -> assertThat(event.path("source").asText()).isEqualTo("aws.acm"));
        assertThat(arrived).extracting(event -> event.path("detail").path("CommonName").asText())
                .containsOnly("shop.example.com");
        assertThat(routing.drain(renewals)).as("the renewal reaches the renewal check, and only it")
                .singleElement().satisfies(body -> assertThat(JSON.readTree(body).path("detail-type").asText())
                        .isEqualTo("ACM Certificate Available"));
    }

    private static JsonNode resource(JsonNode template, String type, String prefix) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith(prefix) && entry.getValue().path("Type").asText().equals(type)) {
                found.add(entry.getValue());
            }
        });
        assertThat(found).as(prefix).hasSize(1);
        return found.getFirst();
    }

    /** A template value made of {@code Fn::Join} and {@code Ref}s to parameters, resolved. */
    private static String resolve(JsonNode value, Map<String, String> parameters) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            String name = value.path("Ref").asText();
            assertThat(parameters).as("a parameter the test knows").containsKey(name);
            return parameters.get(name);
        }
        JsonNode join = value.path("Fn::Join");
        StringBuilder joined = new StringBuilder();
        for (JsonNode part : join.get(1)) {
            if (!joined.isEmpty()) {
                joined.append(join.get(0).asText());
            }
            joined.append(resolve(part, parameters));
        }
        return joined.toString();
    }
}
