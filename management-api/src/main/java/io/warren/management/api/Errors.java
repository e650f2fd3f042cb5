package io.warren.management.api;

import io.warren.amqp.ReplyCode;
import io.warren.management.direct.DirectException;
import io.warren.management.http.ApiException;

/**
 * How the management API reports an AMQP error from its direct channel, as RabbitMQ's does:
 * declares, deletes and binds give 400 with the text after the {@code CODE - } prefix (500 for
 * 541 INTERNAL_ERROR, a change that could not be saved), publish
 * gives 400 with the code and the whole text, get gives 404 for a missing queue; a permission
 * refusal is 401 not_authorised everywhere.
 */
final class Errors {
    private Errors() {
    }

    static ApiException ofDeclare(DirectException e) {
        if (e.replyCode() == 403) {
            return ApiException.notAuthorised(e.explanation());
        }
        if (e.replyCode() == ReplyCode.INTERNAL_ERROR) {
            // The change could not be saved (the topology journal cannot be written): the
            // server failed, not the request. RabbitMQ's answer here is 400 for any close code.
            return new ApiException(500, "internal_server_error", e.explanation());
        }
        return ApiException.badRequest(e.explanation());
    }

    static ApiException ofPublish(DirectException e) {
        if (e.replyCode() == 403) {
            return ApiException.notAuthorised(e.explanation());
        }
        return ApiException.badRequest(e.replyCode() + " " + e.replyText());
    }

    static ApiException ofGet(DirectException e) {
        if (e.replyCode() == 404) {
            return ApiException.notFound(e.replyText());
        }
        if (e.replyCode() == ReplyCode.INTERNAL_ERROR) {
            return new ApiException(500, "internal_server_error", e.explanation());
        }
        return ofDeclare(e);
    }
}
