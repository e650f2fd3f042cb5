package io.warren.broker;

import io.warren.amqp.BasicProperties;
import io.warren.amqp.ContentHeader;
import io.warren.amqp.ReplyCode;
import io.warren.amqp.method.BasicPublish;
import io.warren.dlx.DeadLetterStamp;
import io.warren.exchange.Exchange;
import io.warren.exchange.RouteResult;
import io.warren.queue.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one published message goes: the exchange's routing plus RabbitMQ's sender-selected
 * distribution (the CC and BCC headers add routing keys; BCC is taken out of what consumers see),
 * and what happens to a message that reached no queue.
 */
final class Routing {
    /**
     * What routing decided about the message's stored form, with the properties queues act on:
     * priority (0 when absent) and expiration in ms ({@link Message#NO_EXPIRATION} when absent).
     */
    record Outcome(byte[] properties, boolean persistent, int priority, long expiration, boolean publisherDeaths) {}

    private static final int LIFECYCLE_FLAGS = PropertyFlags.PRIORITY | PropertyFlags.EXPIRATION;

    private final AmqpChannel channel;

    Routing(AmqpChannel channel) {
        this.channel = channel;
    }

    Outcome route(Exchange x, String routingKey, ContentHeader header, RouteResult out) {
        out.clear();
        byte[] raw = header.rawProperties();
        boolean replyTo = PropertyFlags.has(raw, PropertyFlags.REPLY_TO);
        boolean hasHeaders = PropertyFlags.has(raw, PropertyFlags.HEADERS);
        if (!replyTo && !hasHeaders && !PropertyFlags.has(raw, PropertyFlags.DELIVERY_MODE)
                && !PropertyFlags.has(raw, LIFECYCLE_FLAGS)) {
            // The common fast path: nothing in the properties affects routing or storage.
            channel.vhost().exchanges().route(x, routingKey, null, out);
            return new Outcome(raw, false, 0, Message.NO_EXPIRATION, false);
        }
        BasicProperties props = header.properties();
        long expiration = props.expiration() == null ? Message.NO_EXPIRATION : Expiration.parse(props.expiration());
        int priority = props.priority() == null ? 0 : props.priority();
        boolean rewritten = false;
        if (replyTo && DirectReplyTo.QUEUE.equals(props.replyTo())) {
            String address = channel.deliveries().replyToAddress();
            if (address == null) {
                throw ChannelException.preconditionFailed("fast reply consumer does not exist");
            }
            props = props.toBuilder().replyTo(address).build();
            rewritten = true;
        }
        boolean persistent = props.deliveryMode() != null && props.deliveryMode() == 2;
        Map<String, Object> headers = props.headers();
        Object cc = headers == null ? null : headers.get(HeaderRoutes.CC);
        Object bcc = headers == null ? null : headers.get(HeaderRoutes.BCC);
        if (cc instanceof List<?> || bcc instanceof List<?>) {
            List<String> keys = new ArrayList<>();
            keys.add(routingKey);
            HeaderRoutes.addKeys(cc, keys);
            HeaderRoutes.addKeys(bcc, keys);
            channel.vhost().exchanges().route(x, keys, headers, out);
        } else {
            channel.vhost().exchanges().route(x, routingKey, headers, out);
        }
        if (headers != null) {
            if (bcc != null) {
                Map<String, Object> visible = new LinkedHashMap<>(headers);
                visible.remove(HeaderRoutes.BCC);
                props = props.toBuilder().headers(visible).build();
                rewritten = true;
            }
        }
        boolean publisherDeaths = headers != null && headers.containsKey(DeadLetterStamp.DEATHS_HEADER);
        return new Outcome(rewritten ? props.toBytes() : raw, persistent, priority, expiration, publisherDeaths);
    }

    /**
     * A message that reached no queue: a direct reply goes to its requester; anything else is
     * returned to a mandatory publisher, otherwise dropped.
     */
    void unroutable(BasicPublish m, Message msg) {
        if (m.exchange().isEmpty() && m.routingKey().startsWith(DirectReplyTo.PREFIX)
                && channel.connection().broker().directReplyTo().deliver(m.routingKey(), msg)) {
            return;
        }
        if (m.mandatory()) {
            channel.publisher().returnMessage(ReplyCode.NO_ROUTE, "NO_ROUTE", m.exchange(), m.routingKey(), msg);
        }
    }
}
