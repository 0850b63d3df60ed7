package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.certfleet.api.ApiResponse;
import io.certfleet.api.ApiSpec;
import io.certfleet.api.InventoryApi;
import io.certfleet.api.PageCursor;
import io.certfleet.handlers.events.ApiGatewayEvents;
import io.certfleet.wiring.ApiOptions;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The inventory API behind API Gateway (REST, proxy integration, IAM authorization): the proxy event becomes a
 * request, the API answers it by its OpenAPI document, the answer becomes the proxy response. Cursors are signed
 * with the deployment's key ({@code CERTFLEET_API_CURSOR_KEY}).
 */
public final class InventoryApiHandler implements RequestStreamHandler {

    private final InventoryApi api;

    public InventoryApiHandler() {
        this(Wiring.forLambda(), ApiOptions.fromEnvironment(System.getenv()).cursorKey());
    }

    /** With the caller's wiring and key: tests, and {@code certfleet api serve}. */
    public InventoryApiHandler(Wiring wiring, byte[] cursorKey) {
        this.api = new InventoryApi(ApiSpec.load(), wiring.listCertificates(), wiring.probeResults(),
                wiring.rotation().rotations(), new PageCursor(cursorKey, wiring.clock()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        ApiResponse response = api.handle(ApiGatewayEvents.readRequest(input));
        ApiGatewayEvents.writeResponse(output, response);
    }
}
