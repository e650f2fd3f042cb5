package io.warren.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's short host name, as RabbitMQ puts it in its default node name
 * ({@code rabbit@myhost}). Looked up once per JVM: the lookup can wait on a resolver, and every
 * {@link WarrenConfig} built without a cluster name needs it.
 */
final class LocalHost {
    private LocalHost() {}

    static String shortName() {
        return Holder.SHORT_NAME;
    }

    private static final class Holder {
        static final String SHORT_NAME = lookUp();

        private static String lookUp() {
            String name;
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                // getLocalHost fails when the machine's own name does not resolve; shells still export that name.
                name = System.getenv().getOrDefault("HOSTNAME", "localhost");
            }
            return shorten(name);
        }
    }

    /** {@code node1.example.com} becomes {@code node1}; an IP address is kept whole. */
    static String shorten(String hostName) {
        if (hostName.isEmpty()) {
            return "localhost";
        }
        if (IpLiterals.isIpLiteral(hostName)) {
            return hostName;
        }
        int dot = hostName.indexOf('.');
        return dot > 0 ? hostName.substring(0, dot) : hostName;
    }
}
