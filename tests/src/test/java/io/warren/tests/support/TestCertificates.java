package io.warren.tests.support;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

/**
 * Certificates for TLS tests, made fresh for each test class with BouncyCastle and written as PEM
 * files (certificate, unencrypted PKCS#8 key, on request a password-encrypted PKCS#8 key) into a
 * directory the test owns. Keys are EC P-256: quick to make, and accepted by the JDK, OpenSSL and
 * Python alike.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create(dir);
 * config.amqpsPort(0).tls(certs.ca().certFile(), certs.server().certFile(), certs.server().keyFile());
 * SSLContext client = certs.clientContext(certs.client("guest"));
 * }</pre>
 *
 * <p>What {@link #create} makes: a trusted CA ({@link #ca()}), a server certificate for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1} signed by it ({@link #server()}), and a
 * second CA nobody trusts ({@link #untrustedCa()}). Client certificates, expired ones and
 * intermediate CAs are issued on demand. Not thread-safe; one instance per test class.
 */
public final class TestCertificates implements BeforeAllCallback {
    /** Every subject gets this organisation after its CN, as RabbitMQ's tls-gen does with its own. */
    public static final String ORGANISATION = "Warren Tests";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final Path dir;
    private final boolean temporary;
    private final Authority ca;
    private final Authority untrustedCa;
    private final Issued server;

    private TestCertificates(Path dir, boolean temporary) {
        this.dir = dir;
        this.temporary = temporary;
        this.ca = Authority.root(dir, "ca", "CN=Warren Test CA,O=" + ORGANISATION);
        this.untrustedCa = Authority.root(dir, "untrusted-ca", "CN=Untrusted Test CA,O=" + ORGANISATION);
        this.server = ca.issueServer("server", "localhost");
    }

    /** Makes the CAs and the server certificate and writes their PEM files into {@code dir} (created if needed). */
    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCertificates(dir, false);
    }

    /**
     * Makes the certificates at once in a new temporary directory, for a static field that a
     * broker's extension declared after it reads (class initialisation runs before any extension):
     * <pre>{@code
     * @RegisterExtension
     * static final TestCertificates certs = TestCertificates.temporary();
     * @RegisterExtension
     * static final WarrenExtension warren = WarrenExtension.builder().configure(b -> b.amqpsPort(0)
     *         .sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), ...))).build();
     * }</pre>
     * Registered as an extension, the directory is deleted when the test class ends, after the
     * brokers started later in the class have stopped. Keep static helpers that other classes
     * call out of such a class: calling one initialises it, making certificates nobody deletes.
     */
    public static TestCertificates temporary() {
        try {
            return new TestCertificates(Files.createTempDirectory("warren-certs-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a {@link #temporary()} directory when the class ends (resources close in reverse order: after later brokers). */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (temporary) {
            context.getStore(ExtensionContext.Namespace.create(TestCertificates.class))
                    .put(this, (ExtensionContext.Store.CloseableResource) () -> deleteTree(dir));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Path dir() { return dir; }

    /** The CA the broker trusts: its certificate file is the broker's {@code cacertfile}. */
    public Authority ca() { return ca; }

    /** A CA the broker does not trust. */
    public Authority untrustedCa() { return untrustedCa; }

    /** The server certificate (files {@code server.pem}, {@code server-key.pem}), valid for 30 days. */
    public Issued server() { return server; }

    /** A client certificate signed by the trusted CA with subject {@code CN=<cn>,O=Warren Tests}. */
    public Issued client(String cn) {
        return ca.issueClient("client-" + fileName(cn), "CN=" + cn + ",O=" + ORGANISATION);
    }

    /** A client certificate signed by the trusted CA with exactly this subject (RFC 4514, e.g. {@code CN=a,OU=b,O=c}). */
    public Issued clientWithSubject(String distinguishedName) {
        return ca.issueClient("client-" + fileName(distinguishedName), distinguishedName);
    }

    /** A client certificate with CN {@code cn} from the CA nobody trusts. */
    public Issued untrustedClient(String cn) {
        return untrustedCa.issueClient("untrusted-client-" + fileName(cn), "CN=" + cn + ",O=" + ORGANISATION);
    }

    /** A client certificate from the trusted CA that expired yesterday. */
    public Issued expiredClient(String cn) {
        Instant now = Instant.now();
        return ca.issue("expired-client-" + fileName(cn), "CN=" + cn + ",O=" + ORGANISATION, false, null,
                now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    }

    /** A server certificate for localhost from the trusted CA that expired yesterday. */
    public Issued expiredServer() {
        Instant now = Instant.now();
        return ca.issue("expired-server", "CN=localhost,O=" + ORGANISATION, true, null,
                now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    }

    /** Another server certificate for localhost from the trusted CA, with its own serial and this CN. */
    public Issued newServer(String cn) {
        return ca.issueServer("server-" + fileName(cn), cn);
    }

    /**
     * A client-side SSLContext that trusts {@link #ca()} and presents {@code client} (null: no
     * certificate), for the RabbitMQ Java client ({@code ConnectionFactory.useSslProtocol(context)})
     * or an HTTPS client.
     */
    public SSLContext clientContext(Issued client) {
        return clientContext(client, "TLS");
    }

    /** As {@link #clientContext(Issued)}, for one protocol ({@code TLSv1.2}, {@code TLSv1.3}). */
    public SSLContext clientContext(Issued client, String protocol) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", client.key(), new char[0], client.chain().toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(kmf == null ? null : new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager)
                    kmf.getKeyManagers()[0])}, tmf.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a client TLS context", e);
        }
    }

    /**
     * Presents the client certificate whatever CAs the server names: the JDK's key manager would
     * otherwise keep back a certificate from a CA the server does not list, and a test of an
     * untrusted certificate would test nothing. An attacker's client sends what it likes, too.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysPresent(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * A certificate with its key and PEM files. {@code chainFile} holds the certificate followed
     * by the intermediate CAs that signed it (none for those of a root), as a server's certfile
     * or a client's certificate chain should.
     */
    public record Issued(String name, X509Certificate certificate, PrivateKey key, List<X509Certificate> chain,
                         Path certFile, Path keyFile, Path chainFile) {
        public BigInteger serial() { return certificate.getSerialNumber(); }

        /** The subject as RFC 2253 spells it, e.g. {@code CN=guest,O=Warren Tests}. */
        public String subject() { return certificate.getSubjectX500Principal().getName(); }

        /** Writes the key as an encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, AES-256-CBC) and returns its file. */
        public Path encryptedKeyFile(String password) {
            try {
                var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC)
                        .setRandom(RANDOM).setPassword(password.toCharArray()).build();
                Path file = keyFile.resolveSibling(name + "-key-encrypted.pem");
                writePem(file, new JcaPKCS8Generator(key, encryptor));
                return file;
            } catch (Exception e) {
                throw new IllegalStateException("cannot encrypt the key of " + name, e);
            }
        }

        /**
         * Copies the certificate and key over {@code cert} and {@code keyFile} the way a renewal
         * tool does it: written beside, then renamed into place, so a reader never sees half a file.
         */
        public void installAs(Path cert, Path keyFile) {
            replace(certFile, cert);
            replace(this.keyFile, keyFile);
        }

        private static void replace(Path from, Path to) {
            try {
                Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A certificate authority whose certificate and key are on disk, and which issues certificates. */
    public static final class Authority {
        private final Path dir;
        private final String name;
        private final KeyPair keys;
        private final X509Certificate certificate;
        private final List<X509Certificate> chain;
        private final Path certFile;

        private Authority(Path dir, String name, KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
            this.dir = dir;
            this.name = name;
            this.keys = keys;
            this.certificate = certificate;
            this.chain = chain;
            this.certFile = dir.resolve(name + ".pem");
            writePem(certFile, certificate);
            writePem(dir.resolve(name + "-key.pem"), pkcs8(keys.getPrivate()));
        }

        static Authority root(Path dir, String name, String dn) {
            KeyPair keys = newKeyPair();
            Instant now = Instant.now();
            X509Certificate cert = sign(dn, keys, dn, keys, true, false, null,
                    now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
            return new Authority(dir, name, keys, cert, List.of());
        }

        public X509Certificate certificate() { return certificate; }

        /** The CA's certificate as PEM: a broker's {@code cacertfile}. */
        public Path certFile() { return certFile; }

        public String subject() { return certificate.getSubjectX500Principal().getName(); }

        /** An intermediate CA signed by this one. */
        public Authority intermediate(String name, String dn) {
            KeyPair child = newKeyPair();
            Instant now = Instant.now();
            X509Certificate cert = sign(dn, child, subject(), keys, true, false, null,
                    now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
            List<X509Certificate> childChain = new ArrayList<>();
            childChain.add(certificate);
            childChain.addAll(chain);
            return new Authority(dir, name, child, cert, List.copyOf(childChain));
        }

        /** A server certificate for {@code host}, also valid for localhost, 127.0.0.1 and ::1. */
        public Issued issueServer(String fileName, String host) {
            Instant now = Instant.now();
            return issue(fileName, "CN=" + host + ",O=" + ORGANISATION, true, host,
                    now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
        }

        /** A client certificate with exactly this subject. */
        public Issued issueClient(String fileName, String dn) {
            Instant now = Instant.now();
            return issue(fileName, dn, false, null, now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
        }

        /** Any leaf certificate; {@code server} adds serverAuth usage and the local names. */
        public Issued issue(String fileName, String dn, boolean server, String host, Instant notBefore, Instant notAfter) {
            KeyPair leaf = newKeyPair();
            X509Certificate cert = sign(dn, leaf, subject(), keys, false, server, host, notBefore, notAfter);
            List<X509Certificate> leafChain = new ArrayList<>();
            leafChain.add(cert);
            if (!chain.isEmpty()) {
                // This is an intermediate: it and those above it but the root travel with the leaf;
                // the root stays in the truster's cacertfile.
                leafChain.add(certificate);
                leafChain.addAll(chain.subList(0, chain.size() - 1));
            }
            Path certPath = dir.resolve(fileName + ".pem");
            Path keyPath = dir.resolve(fileName + "-key.pem");
            Path chainPath = dir.resolve(fileName + "-chain.pem");
            writePem(certPath, cert);
            writePem(keyPath, pkcs8(leaf.getPrivate()));
            writePem(chainPath, leafChain.toArray());
            return new Issued(fileName, cert, leaf.getPrivate(), List.copyOf(leafChain), certPath, keyPath, chainPath);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(String subjectDn, KeyPair subject, String issuerDn, KeyPair issuer,
                                        boolean ca, boolean server, String host, Instant notBefore, Instant notAfter) {
        try {
            BigInteger serial = new BigInteger(64, RANDOM).setBit(62);
            // RFC 4514 strings list the most specific name first, the reverse of the DER order: RFC4519Style
            // reverses them, so that the JDK's getName() gives back the string as written.
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(RFC4519Style.INSTANCE, issuerDn),
                    serial, Date.from(notBefore), Date.from(notAfter), new X500Name(RFC4519Style.INSTANCE, subjectDn),
                    subject.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subject.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            }
            if (server) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, host == null ? "localhost" : host),
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.iPAddress, "::1")}));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a certificate for " + subjectDn, e);
        }
    }

    private static JcaPKCS8Generator pkcs8(PrivateKey key) {
        try {
            return new JcaPKCS8Generator(key, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file, Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                if (o instanceof JcaPKCS8Generator g) {
                    pem.writeObject(g.generate());
                } else {
                    pem.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
