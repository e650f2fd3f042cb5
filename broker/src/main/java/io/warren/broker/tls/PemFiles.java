package io.warren.broker.tls;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM files, as RabbitMQ's {@code certfile},
 * {@code cacertfile} and {@code keyfile} hold them. Every failure is a {@link TlsConfigException}
 * naming the setting and the file. Stateless; any thread.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER of the OID id-ecPublicKey. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

    private PemFiles() {}

    /** Every certificate in the file, in order; at least one. */
    static List<X509Certificate> certificates(String setting, Path file) {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (Block b : blocks(setting, file)) {
            if (!b.type().equals("CERTIFICATE") && !b.type().equals("X509 CERTIFICATE")
                    && !b.type().equals("TRUSTED CERTIFICATE")) {
                continue;
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der(setting, file))));
            } catch (CertificateException e) {
                throw new TlsConfigException(setting, file, "a CERTIFICATE block cannot be parsed: " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new TlsConfigException(setting, file, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /**
     * The first private key in the file.
     *
     * @param passwordSetting the name of the password setting, for messages
     */
    static PrivateKey privateKey(String setting, Path file, String password, String passwordSetting) {
        for (Block b : blocks(setting, file)) {
            switch (b.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(setting, file, b.der(setting, file));
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    return encrypted(setting, file, b.der(setting, file), password, passwordSetting);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (b.body().contains("Proc-Type:")) {
                        throw new TlsConfigException(setting, file, "the key is encrypted in OpenSSL's legacy format, "
                                + "which Warren does not read; convert it to encrypted PKCS#8 with "
                                + "'openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.pem -out new.pem'");
                    }
                    byte[] der = b.der(setting, file);
                    byte[] pkcs8;
                    try {
                        pkcs8 = b.type().startsWith("RSA") ? wrap(RSA_ALGORITHM, der)
                                : wrap(ecAlgorithm(setting, file, der), der);
                    } catch (IndexOutOfBoundsException e) {
                        throw new TlsConfigException(setting, file, "the " + b.type() + " block is cut short", e);
                    }
                    return pkcs8(setting, file, pkcs8);
                }
                default -> { }
            }
        }
        throw new TlsConfigException(setting, file, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(String setting, Path file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm; try the next.
            }
        }
        throw new TlsConfigException(setting, file, "the private key cannot be read (not RSA, EC, EdDSA or DSA PKCS#8)");
    }

    private static PrivateKey encrypted(String setting, Path file, byte[] der, String password, String passwordSetting) {
        if (password == null) {
            throw new TlsConfigException(setting, file, "the key is encrypted and " + passwordSetting + " is not set");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            throw new TlsConfigException(setting, file, "the ENCRYPTED PRIVATE KEY block cannot be parsed", e);
        }
        PKCS8EncodedKeySpec spec;
        try {
            // For PBES2 the JDK names the algorithm by its parameters, e.g. PBEWithHmacSHA256AndAES_256.
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            if (!algorithm.startsWith("PBE")) {
                algorithm = info.getAlgName();
            }
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE,
                    SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            spec = info.getKeySpec(cipher);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(setting, file, "the key cannot be decrypted: wrong " + passwordSetting
                    + ", or an encryption the JDK does not support (" + e.getMessage() + ")", e);
        }
        try {
            return pkcs8(setting, file, spec.getEncoded());
        } catch (TlsConfigException e) {
            throw new TlsConfigException(setting, file, "the key cannot be decrypted: wrong " + passwordSetting, e);
        }
    }

    /** PKCS#8 PrivateKeyInfo { version 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(tlv(0x04, key));
        return tlv(0x30, body.toByteArray());
    }

    /** The AlgorithmIdentifier { id-ecPublicKey, curve } of a SEC1 ECPrivateKey, whose [0] field names the curve. */
    private static byte[] ecAlgorithm(String setting, Path file, byte[] sec1) {
        Der seq = Der.read(sec1, 0);
        int at = seq.contentStart;
        while (at < seq.end) {
            Der field = Der.read(sec1, at);
            if ((field.tag & 0xff) == 0xa0) {
                Der oid = Der.read(sec1, field.contentStart);
                ByteArrayOutputStream alg = new ByteArrayOutputStream();
                alg.writeBytes(EC_PUBLIC_KEY_OID);
                alg.write(sec1, oid.start, oid.end - oid.start);
                return tlv(0x30, alg.toByteArray());
            }
            at = field.end;
        }
        throw new TlsConfigException(setting, file, "the EC PRIVATE KEY does not name its curve; convert it to "
                + "PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt'");
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static List<Block> blocks(String setting, Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(setting, file, "the file does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigException(setting, file, "the file cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new TlsConfigException(setting, file, "the file cannot be read: " + e, e);
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            out.add(new Block(m.group(1), m.group(2)));
        }
        if (out.isEmpty()) {
            throw new TlsConfigException(setting, file, "not a PEM file (no -----BEGIN ...----- block)");
        }
        return out;
    }

    private record Block(String type, String body) {
        byte[] der(String setting, Path file) {
            String base64 = body.lines().filter(l -> !l.contains(":")).map(String::strip)
                    .reduce("", String::concat);
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new TlsConfigException(setting, file, "the " + type + " block is not valid base64", e);
            }
        }
    }

    /** One DER element: where it starts, where its content starts, where it ends. */
    private record Der(int tag, int start, int contentStart, int end) {
        static Der read(byte[] der, int at) {
            int tag = der[at] & 0xff;
            int len = der[at + 1] & 0xff;
            int content = at + 2;
            if (len >= 0x80) {
                int bytes = len & 0x7f;
                len = 0;
                for (int i = 0; i < bytes; i++) {
                    len = (len << 8) | (der[content + i] & 0xff);
                }
                content += bytes;
            }
            return new Der(tag, at, content, content + len);
        }
    }
}
