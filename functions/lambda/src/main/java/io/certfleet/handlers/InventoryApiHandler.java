package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
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
public final class InventoryApiHandler extends CertfleetHandler {

    private final InventoryApi api;

    public InventoryApiHandler() {
        this(Wiring.forLambda(), ApiOptions.fromEnvironment(System.getenv()));
    }

    /** With the caller's wiring and key, no export bucket: tests, and {@code certfleet api serve}. */
    public InventoryApiHandler(Wiring wiring, byte[] cursorKey) {
        this(wiring, ApiOptions.withKey(cursorKey));
    }

    public InventoryApiHandler(Wiring wiring, ApiOptions options) {
        super(wiring);
        this.api = new InventoryApi(ApiSpec.load(), wiring.compliance(), new PageCursor(options.cursorKey(),
                wiring.clock()), new InventoryApi.Exports(options.inlineExportBytes(),
                options.exportBucket().map(wiring::exportSpill)));
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        ApiResponse response;
        try {
            response = api.handle(ApiGatewayEvents.readRequest(input));
        } catch (RuntimeException failure) { // the caller gets the API's error shape, the log gets the cause
            context.getLogger().log("inventory API request " + context.getAwsRequestId() + " failed: " + failure);
            response = ApiResponse.error(500, "InternalError", "the request failed inside certfleet (request "
                    + context.getAwsRequestId() + "; the function's log has the cause)", null);
        }
        ApiGatewayEvents.writeResponse(output, response);
    }
}
