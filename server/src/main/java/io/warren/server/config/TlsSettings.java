package io.warren.server.config;

import io.warren.broker.tls.TlsConfigException;
import io.warren.broker.tls.TlsOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TLS keys of one prefix in rabbitmq.conf, collected line by line: {@code ssl_options.*} for
 * AMQPS, {@code management.ssl.*} and {@code prometheus.ssl.*} (these two with {@code port} and
 * {@code ip} of their listener). Keys RabbitMQ has but Warren does not act on are left to
 * {@link IgnoredRabbitMqSettings}. Not thread-safe; one per prefix and file.
 */
final class TlsSettings {
    /** The keys handled for every prefix, after the prefix. */
    static final List<String> OPTION_KEYS = List.of("cacertfile", "certfile", "keyfile", "password", "verify",
            "fail_if_no_peer_cert", "depth", "honor_cipher_order");

    private final String prefix;
    private final boolean hasListenerKeys;
    private final Path workingDir;
    private boolean any;
    private Path cacertfile;
    private Path certfile;
    private Path keyfile;
    private String password;
    private boolean verifyPeer;
    private boolean failIfNoPeerCert;
    private int depth = TlsOptions.DEFAULT_DEPTH;
    private boolean honorCipherOrder;
    private final Map<String, String> versions = new TreeMap<>(TlsSettings::byIndex);
    private final Map<String, String> ciphers = new TreeMap<>(TlsSettings::byIndex);
    private Integer port;
    private String ip;

    /** @param hasListenerKeys true for management.ssl and prometheus.ssl, whose port and ip are here too */
    TlsSettings(String prefix, boolean hasListenerKeys, Path workingDir) {
        this.prefix = prefix;
        this.hasListenerKeys = hasListenerKeys;
        this.workingDir = workingDir;
    }

    /** Every key this prefix handles, for the list of known keys. */
    List<String> keys() {
        List<String> out = new java.util.ArrayList<>(OPTION_KEYS.stream().map(k -> prefix + "." + k).toList());
        if (hasListenerKeys) {
            out.add(prefix + ".port");
            out.add(prefix + ".ip");
        }
        return out;
    }

    /** False when the key is not one of this prefix's that Warren acts on. */
    boolean apply(ConfSetting s) {
        List<String> path = s.path();
        List<String> own = List.of(prefix.split("\\."));
        if (path.size() <= own.size() || !path.subList(0, own.size()).equals(own)) {
            return false;
        }
        List<String> rest = path.subList(own.size(), path.size());
        String v = s.value();
        String key = rest.get(0);
        if (rest.size() == 2 && key.equals("versions")) {
            versions.put(rest.get(1), version(v));
        } else if (rest.size() == 2 && key.equals("ciphers")) {
            ciphers.put(rest.get(1), SettingValues.nonEmpty(v));
        } else if (rest.size() != 1) {
            return false;
        } else {
            switch (key) {
                case "cacertfile" -> cacertfile = file(v);
                case "certfile" -> certfile = file(v);
                case "keyfile" -> keyfile = file(v);
                case "password" -> password = v;
                case "verify" -> verifyPeer = verify(v);
                case "fail_if_no_peer_cert" -> failIfNoPeerCert = SettingValues.bool(v);
                case "depth" -> depth = (int) SettingValues.integer(v, 0, 100);
                case "honor_cipher_order" -> honorCipherOrder = SettingValues.bool(v);
                case "port" -> {
                    if (!hasListenerKeys) {
                        return false;
                    }
                    port = SettingValues.port(v);
                }
                case "ip" -> {
                    if (!hasListenerKeys) {
                        return false;
                    }
                    ip = SettingValues.ipLiteral(v);
                }
                default -> {
                    return false;
                }
            }
        }
        any = true;
        return true;
    }

    /** True when any key of this prefix was set (for management and Prometheus: a TLS listener is wanted). */
    boolean configured() {
        return any;
    }

    Integer port() {
        return port;
    }

    String ip() {
        return ip;
    }

    TlsOptions options() {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, password, verifyPeer, failIfNoPeerCert, depth,
                List.copyOf(versions.values()), List.copyOf(ciphers.values()), honorCipherOrder);
    }

    /** ciphers.2 before ciphers.10: numbers by value, names after them alphabetically. */
    private static int byIndex(String a, String b) {
        boolean na = a.chars().allMatch(Character::isDigit) && a.length() < 10;
        boolean nb = b.chars().allMatch(Character::isDigit) && b.length() < 10;
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return na ? -1 : nb ? 1 : a.compareTo(b);
    }

    private Path file(String v) {
        return workingDir.resolve(SettingValues.nonEmpty(v));
    }

    private static boolean verify(String v) {
        return switch (v) {
            case "verify_peer" -> true;
            case "verify_none" -> false;
            default -> throw new InvalidValueException("must be verify_peer or verify_none, was " + v);
        };
    }

    /** tlsv1.2 and tlsv1.3; older versions are refused with the reason. */
    private String version(String v) {
        try {
            TlsOptions.of(prefix, null, null, null).jdkProtocol(v);
            return v;
        } catch (TlsConfigException e) {
            throw new InvalidValueException(e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }
}
