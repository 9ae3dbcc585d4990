package io.contactsync.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** The admin API answers only to {@code Authorization: Bearer <admin.token>}; without a configured token, to nobody. */
@Provider
public class AdminTokenFilter implements ContainerRequestFilter {

    /** Looked up per request: JAX-RS providers are created before the runtime configuration exists. */
    @Inject
    Instance<AdminConfig> config;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin")) {
            return;
        }
        String expected = config.get().token().filter(t -> !t.isBlank()).orElse(null);
        if (expected == null) {
            request.abortWith(refusal("the admin API is disabled: set admin.token (ADMIN_TOKEN)"));
            return;
        }
        String presented = request.getHeaderString("Authorization");
        if (presented == null || !presented.startsWith("Bearer ")
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        presented.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(refusal("missing or wrong bearer token in the Authorization header"));
        }
    }

    private static Response refusal(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON).header("WWW-Authenticate", "Bearer")
                .entity(Map.of("status", "rejected", "error", message)).build();
    }
}
