package io.warren.tests.connection;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.SaslConfig;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.impl.LongStringHelper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The AMQPLAIN login mechanism, which the Java client does not ship. Its response is a field table
 * without the leading table length (RabbitMQ's {@code rabbit_auth_mechanism_amqplain}) holding
 * {@code LOGIN} and {@code PASSWORD} as long strings.
 *
 * <p>Stateless; the client calls it from the thread that opens the connection.
 */
public final class AmqplainMechanism implements SaslMechanism {
    public static final String NAME = "AMQPLAIN";

    /** A {@link SaslConfig} that picks AMQPLAIN if the broker offers it, and nothing otherwise. */
    public static SaslConfig config() {
        return mechanisms -> Arrays.asList(mechanisms).contains(NAME) ? new AmqplainMechanism() : null;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public LongString handleChallenge(LongString challenge, String username, String password) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        writeField(response, "LOGIN", username);
        writeField(response, "PASSWORD", password);
        return LongStringHelper.asLongString(response.toByteArray());
    }

    private static void writeField(ByteArrayOutputStream out, String name, String value) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        out.write(key.length);
        out.writeBytes(key);
        out.write('S');
        out.write(text.length >>> 24);
        out.write(text.length >>> 16);
        out.write(text.length >>> 8);
        out.write(text.length);
        out.writeBytes(text);
    }
}
