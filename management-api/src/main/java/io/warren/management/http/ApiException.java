package io.warren.management.http;

/**
 * An error the API answers with, as RabbitMQ's management plugin does: a status and a JSON body
 * {@code {"error": <type>, "reason": <text>}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() { return status; }

    public String error() { return error; }

    public String reason() { return getMessage(); }

    /** What RabbitMQ answers for a path, vhost or object that does not exist. */
    public static ApiException notFound() {
        return new ApiException(404, "Object Not Found", "Not Found");
    }

    public static ApiException notFound(String reason) {
        return new ApiException(404, "not_found", reason);
    }

    public static ApiException badRequest(String reason) {
        return new ApiException(400, "bad_request", reason);
    }

    public static ApiException notAuthorised(String reason) {
        return new ApiException(401, "not_authorised", reason);
    }
}
