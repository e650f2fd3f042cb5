package io.warren.management.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This node's name in RabbitMQ's {@code name@host} form, as the API reports it everywhere. */
final class Node {
    static final String NAME = "warren@" + shortHostName();

    private Node() {
    }

    private static String shortHostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            int dot = host.indexOf('.');
            return dot > 0 ? host.substring(0, dot) : host;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
