package io.contactsync.webhook;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Webhooks are POSTed: any other method on a webhook path gets 405 with the same JSON error body as the other
 * refusals (the REST DSL declares POST only, and would otherwise answer without a body).
 */
@ApplicationScoped
public class WebhookMethodFilter {

    void register(@Observes Router router) {
        router.route("/webhooks/*").order(-1).handler(WebhookMethodFilter::postOnly);
    }

    private static void postOnly(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.POST) {
            context.next();
            return;
        }
        String error = "method " + method.name() + " is not allowed; webhooks are sent with POST";
        context.response().setStatusCode(405).putHeader("Allow", "POST").putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "rejected").put("error", error).encode());
    }
}
