package io.contactsync.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * Signing in to the console with the admin token ({@code admin.token}): the session is a cookie that is Secure,
 * HttpOnly and SameSite=Strict, limited to /console. Signing out (an action: it needs the CSRF token) removes it.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    public static final String PATH = "/console/login";

    @Inject
    ConsoleSessions sessions;

    @Inject
    ConsoleConfig config;

    @Inject
    CurrentOperator operator;

    @Inject
    @Location("console/login.html")
    Template login;

    @GET
    @Path("/login")
    public TemplateInstance form(@QueryParam("next") String next) {
        return page(next, null);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @FormParam("operator") String name,
            @FormParam("next") String next) {
        if (sessions.token().isEmpty()) {
            return Response.status(503).entity(page(next, "The console is disabled: set admin.token (ADMIN_TOKEN)."))
                    .build();
        }
        if (!sessions.isAdminToken(token)) {
            return Response.status(401).entity(page(next, "That is not the admin token.")).build();
        }
        ConsoleSession session = sessions.open(name);
        ConsoleAudit.log(session, "signed in");
        return Response.seeOther(URI.create(safeNext(next)))
                .cookie(cookie(sessions.cookieValue(session), (int) config.sessionTimeout().toSeconds())).build();
    }

    @POST
    @Path("/logout")
    public Response signOut() {
        ConsoleAudit.log(operator.session(), "signed out");
        return Response.seeOther(URI.create(PATH)).cookie(cookie("", 0)).build();
    }

    /** The page to come back to after signing in: the request's path and query, URL-encoded for a query string. */
    static String next(URI requestUri) {
        String query = requestUri.getRawQuery();
        String target = requestUri.getRawPath() + (query == null ? "" : "?" + query);
        return URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    private TemplateInstance page(String next, String error) {
        return login.data("next", safeNext(next)).data("error", error);
    }

    /** Only a console page of this app: never another site (no scheme, no "//" or backslash). */
    private static String safeNext(String next) {
        return next != null && next.startsWith("/console") && !next.contains("//") && !next.contains("\\") ? next
                : "/console";
    }

    private static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(ConsoleSessions.COOKIE).value(value).path("/console").maxAge(maxAge)
                .secure(true).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
