package io.warren.tests.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions that hold an {@link ApiResponse} of the broker under test against a recorded {@link Fixture}. */
public final class ApiAssertions {
    private ApiAssertions() {
    }

    /**
     * The same status, a JSON content type when RabbitMQ sent one, no body when RabbitMQ sent
     * none, and otherwise a body of the same shape.
     */
    public static void assertLike(Fixture fixture, ApiResponse actual, String... ignoring) {
        assertStatus(fixture, actual);
        if (fixture.body() == null) {
            assertTrue(actual.text().isEmpty(), () -> "expected no body like " + fixture.name() + ": " + actual);
            return;
        }
        assertJsonContentType(fixture, actual);
        assertNotNull(actual.json(), () -> "expected a JSON body like " + fixture.name() + ": " + actual);
        JsonShape.assertSameShape(fixture.body(), actual.json(), ignoring);
    }

    /**
     * The same status and the same error body: the exact {@code error}, and the exact
     * {@code reason} once the recording's vhost is replaced by {@code vhost}.
     */
    public static void assertSameError(Fixture fixture, ApiResponse actual, String vhost) {
        assertStatus(fixture, actual);
        if (fixture.body() == null) {
            assertTrue(actual.text().isEmpty(), () -> "expected no body like " + fixture.name() + ": " + actual);
            return;
        }
        assertJsonContentType(fixture, actual);
        assertEquals(fixture.error(), actual.error(), () -> "error of " + actual);
        assertEquals(unescaped(fixture.reason(vhost)), unescaped(actual.reason()), () -> "reason of " + actual);
    }

    public static void assertStatus(Fixture fixture, ApiResponse actual) {
        assertEquals(fixture.status(), actual.status(), () -> "status like " + fixture.name() + ": " + actual);
    }

    private static void assertJsonContentType(Fixture fixture, ApiResponse actual) {
        if (fixture.header("content-type") != null) {
            String type = actual.header("content-type").orElse("");
            assertTrue(type.startsWith("application/json"), () -> "content-type " + type + " of " + actual);
        }
    }

    /**
     * RabbitMQ 3.10 HTML-escapes some validation reasons ({@code &lt;&lt;"key"&gt;&gt;}); newer
     * versions do not, so either form is accepted.
     */
    private static String unescaped(String reason) {
        return reason == null ? null : reason.replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&");
    }
}
