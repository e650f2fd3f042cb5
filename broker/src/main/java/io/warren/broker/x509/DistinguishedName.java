package io.warren.broker.x509;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An X.501 Name (a certificate's subject or issuer) written as RabbitMQ writes it, byte for byte
 * ({@code rabbit_cert_info:format_rdn_sequence/1}): the RDNs last first, joined by ",", the
 * attributes of a multi-valued RDN joined by "+", the types RabbitMQ knows by their short names
 * and any other as its dotted OID, values escaped as RFC 4514 asks plus every byte of their UTF-8
 * below 32 or from 126 up as {@code \XX} (so {@code café} is {@code caf\C3\A9} and {@code ~} is
 * {@code \7E}). This string is the user name of a certificate login in {@code distinguished_name}
 * mode and the {@code peer_cert_subject}/{@code peer_cert_issuer} of a connection.
 *
 * <p>A value whose type RabbitMQ cannot read as text (an IA5String under an OID other than
 * emailAddress and domainComponent, a NumericString...) is written as Erlang prints a binary,
 * {@code <<22,3,102,111,111>>}, then escaped, as RabbitMQ does. Stateless; any thread.
 */
public final class DistinguishedName {
    static final String COMMON_NAME = "2.5.4.3";
    private static final String EMAIL_ADDRESS = "1.2.840.113549.1.9.1";
    private static final String DOMAIN_COMPONENT = "0.9.2342.19200300.100.1.25";
    /** RabbitMQ's table of short names, in its order. */
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("2.5.4.4", "SN"),
            Map.entry("2.5.4.42", "GIVENNAME"),
            Map.entry("2.5.4.43", "INITIALS"),
            Map.entry("2.5.4.44", "GENERATIONQUALIFIER"),
            Map.entry(COMMON_NAME, "CN"),
            Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.10", "O"),
            Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.12", "TITLE"),
            Map.entry("2.5.4.6", "C"),
            Map.entry("2.5.4.5", "SERIALNUMBER"),
            Map.entry("2.5.4.65", "PSEUDONYM"),
            Map.entry(DOMAIN_COMPONENT, "DC"),
            Map.entry(EMAIL_ADDRESS, "EMAILADDRESS"),
            Map.entry("2.5.4.9", "STREET"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"));
    private static final int UTF8_STRING = 0x0c;
    private static final int PRINTABLE_STRING = 0x13;
    private static final int TELETEX_STRING = 0x14;
    private static final int IA5_STRING = 0x16;
    private static final int UNIVERSAL_STRING = 0x1c;
    private static final int BMP_STRING = 0x1e;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private record Attribute(String oid, String text) {}

    /** The RDNs in encoded order (most significant first), each with its attributes in encoded order. */
    private final List<List<Attribute>> rdns;

    private DistinguishedName(List<List<Attribute>> rdns) {
        this.rdns = rdns;
    }

    /**
     * Reads the DER of a Name, as {@code X500Principal.getEncoded()} gives it.
     *
     * @throws IllegalArgumentException when the bytes are not a DER Name
     */
    public static DistinguishedName parse(byte[] der) {
        Der.Element name = Der.read(der);
        if (name.tag() != Der.SEQUENCE) {
            throw new IllegalArgumentException("a Name is a SEQUENCE");
        }
        List<List<Attribute>> rdns = new ArrayList<>();
        for (Der.Element rdn : name.children()) {
            if (rdn.tag() != Der.SET) {
                throw new IllegalArgumentException("an RDN is a SET");
            }
            List<Attribute> attributes = new ArrayList<>();
            for (Der.Element atav : rdn.children()) {
                List<Der.Element> parts = atav.children();
                if (atav.tag() != Der.SEQUENCE || parts.size() != 2 || parts.get(0).tag() != Der.OBJECT_IDENTIFIER) {
                    throw new IllegalArgumentException("an attribute is a SEQUENCE of an OID and a value");
                }
                String oid = Der.oid(parts.get(0).content());
                attributes.add(new Attribute(oid, text(oid, parts.get(1))));
            }
            rdns.add(attributes);
        }
        return new DistinguishedName(rdns);
    }

    /** RabbitMQ's string for this name, e.g. {@code CN=alice,O=Example,C=US}. */
    public String format() {
        List<String> out = new ArrayList<>(rdns.size());
        for (List<Attribute> rdn : rdns) {
            StringJoiner plus = new StringJoiner("+");
            for (Attribute a : rdn) {
                plus.add(SHORT_NAMES.getOrDefault(a.oid(), a.oid()) + "=" + escape(a.text()));
            }
            out.add(plus.toString());
        }
        Collections.reverse(out);
        return String.join(",", out);
    }

    /** The values of every common name (CN), unescaped, in encoded order; empty when there is none. */
    public List<String> commonNames() {
        List<String> out = new ArrayList<>();
        for (List<Attribute> rdn : rdns) {
            for (Attribute a : rdn) {
                if (a.oid().equals(COMMON_NAME)) {
                    out.add(a.text());
                }
            }
        }
        return out;
    }

    /** A value as text, as RabbitMQ's {@code format_asn1_value} reads it. */
    private static String text(String oid, Der.Element value) {
        return switch (value.tag()) {
            case UTF8_STRING -> decode(value, StandardCharsets.UTF_8);
            // PrintableString is ASCII; RabbitMQ reads TeletexString as ISO-8859-1.
            case PRINTABLE_STRING, TELETEX_STRING -> decode(value, StandardCharsets.ISO_8859_1);
            case BMP_STRING -> decode(value, StandardCharsets.UTF_16BE);
            case UNIVERSAL_STRING -> decode(value, Charset.forName("UTF-32BE"));
            // Erlang decodes the two IA5 attributes it knows; any other IA5 value stays bytes.
            case IA5_STRING -> oid.equals(EMAIL_ADDRESS) || oid.equals(DOMAIN_COMPONENT)
                    ? decode(value, StandardCharsets.ISO_8859_1) : erlangBinary(value.encoding());
            default -> erlangBinary(value.encoding());
        };
    }

    /** The text of a DirectoryString (UTF8, Printable, Teletex, BMP or Universal string), or null for another type. */
    static String directoryString(Der.Element value) {
        return switch (value.tag()) {
            case UTF8_STRING, PRINTABLE_STRING, TELETEX_STRING, BMP_STRING, UNIVERSAL_STRING -> text("", value);
            default -> null;
        };
    }

    private static String decode(Der.Element value, Charset charset) {
        return new String(value.content(), charset);
    }

    private static String erlangBinary(byte[] bytes) {
        StringJoiner s = new StringJoiner(",", "<<", ">>");
        for (byte b : bytes) {
            s.add(Integer.toString(b & 0xff));
        }
        return s.toString();
    }

    /**
     * RabbitMQ's {@code escape_rdn_value}: over the value's UTF-8 bytes, a leading space or "#"
     * and a trailing space get a backslash, as do {@code " + , ; < > \}; bytes below 32 and from
     * 126 up become a backslash and two upper-case hex digits.
     */
    static String escape(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 8);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (i == 0 && (c == ' ' || c == '#')) {
                out.write('\\');
                out.write(c);
            } else if (i == b.length - 1 && c == ' ') {
                out.write('\\');
                out.write(c);
            } else if (c == '"' || c == '+' || c == ',' || c == ';' || c == '<' || c == '>' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 32 || c >= 126) {
                out.write('\\');
                out.write(HEX[c >> 4]);
                out.write(HEX[c & 0xf]);
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
