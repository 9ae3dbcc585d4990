package io.contactsync.console;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/** A console session for plain HTTP tests: the cookie set by the sign-in form, and the CSRF token of its pages. */
record ConsoleSignIn(String cookie, String csrf) {

    static final String ADMIN_TOKEN = "test-admin-token";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    static ConsoleSignIn as(String operator) {
        Response signIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", ADMIN_TOKEN).formParam("operator", operator).post("/console/login");
        if (signIn.statusCode() != 303) {
            throw new AssertionError("sign-in answered " + signIn.statusCode());
        }
        String cookie = signIn.getCookie(ConsoleSessions.COOKIE);
        String home = given().cookie(ConsoleSessions.COOKIE, cookie).get("/console").then().statusCode(200).extract()
                .asString();
        Matcher m = CSRF.matcher(home);
        if (!m.find()) {
            throw new AssertionError("no CSRF field on the home page");
        }
        return new ConsoleSignIn(cookie, m.group(1));
    }
}
