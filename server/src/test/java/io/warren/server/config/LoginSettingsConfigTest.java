package io.warren.server.config;

import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.sasl.CertLoginFrom;
import io.warren.broker.sasl.LoginSettings;
import io.warren.broker.x509.SubjectAlternativeNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth_mechanisms.N and ssl_cert_login_from, read as RabbitMQ reads them. */
class LoginSettingsConfigTest {
    private static WarrenConfig parse(String text) {
        return ConfigLoader.parse(text, Map.of());
    }

    private static List<String> problems(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).problems();
    }

    @Test
    void theDefaultsAreRabbitMqs() {
        WarrenConfig config = parse("");
        assertEquals(LoginSettings.DEFAULTS, config.login());
        assertEquals(List.of(AuthMechanism.AMQPLAIN, AuthMechanism.PLAIN), config.login().mechanisms());
        assertEquals(CertLoginFrom.DISTINGUISHED_NAME, config.login().certLoginFrom());
    }

    @Test
    void mechanismsAreOfferedInTheOrderOfTheirNumbersNotOfTheLines() {
        WarrenConfig config = parse("""
                auth_mechanisms.10 = AMQPLAIN
                auth_mechanisms.2 = PLAIN
                auth_mechanisms.1 = EXTERNAL
                ssl_cert_login_from = common_name
                """);
        assertEquals(List.of(AuthMechanism.EXTERNAL, AuthMechanism.PLAIN, AuthMechanism.AMQPLAIN),
                config.login().mechanisms());
        assertEquals(CertLoginFrom.COMMON_NAME, config.login().certLoginFrom());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void aMechanismNamedTwiceIsOfferedOnce() {
        assertEquals(List.of(AuthMechanism.EXTERNAL),
                parse("auth_mechanisms.1 = EXTERNAL\nauth_mechanisms.2 = EXTERNAL\n").login().mechanisms());
    }

    @Test
    void anUnknownMechanismOrLoginSourceStopsTheStartNamingTheKey() {
        List<String> problems = problems("""
                auth_mechanisms.1 = plain
                auth_mechanisms.2 = RABBIT-CR-DEMO
                ssl_cert_login_from = cn
                ssl_cert_login_san_type = dn
                ssl_cert_login_san_index = -1
                """);
        assertEquals(5, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("<config>:1: auth_mechanisms.1: must be PLAIN, AMQPLAIN or EXTERNAL"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("<config>:2: auth_mechanisms.2: must be PLAIN, AMQPLAIN or EXTERNAL"),
                problems.get(1));
        assertTrue(problems.get(2).startsWith("<config>:3: ssl_cert_login_from: must be distinguished_name, "
                + "common_name or subject_alternative_name (subject_alt_name), was cn"), problems.get(2));
        assertTrue(problems.get(3).startsWith("<config>:4: ssl_cert_login_san_type: must be dns, ip, email, uri or "
                + "other_name, was dn"), problems.get(3));
        assertTrue(problems.get(4).startsWith("<config>:5: ssl_cert_login_san_index: "), problems.get(4));
    }

    @Test
    void aSubjectAlternativeNameIsPickedByTypeAndIndex() {
        LoginSettings login = parse("""
                ssl_cert_login_from = subject_alt_name
                ssl_cert_login_san_type = email
                ssl_cert_login_san_index = 1
                """).login();
        assertEquals(CertLoginFrom.SUBJECT_ALTERNATIVE_NAME, login.certLoginFrom());
        assertEquals(SubjectAlternativeNames.Type.EMAIL, login.sanType());
        assertEquals(1, login.sanIndex());
        LoginSettings defaults = parse("ssl_cert_login_from = subject_alternative_name\n").login();
        assertEquals(SubjectAlternativeNames.Type.DNS, defaults.sanType());
        assertEquals(0, defaults.sanIndex());
    }

    @Test
    void theBuilderTakesTheSameSettingsForEmbeddedUse() {
        WarrenConfig config = WarrenConfig.builder().authMechanisms(List.of(AuthMechanism.EXTERNAL))
                .certLoginFrom(CertLoginFrom.COMMON_NAME).build();
        assertEquals(new LoginSettings(List.of(AuthMechanism.EXTERNAL), CertLoginFrom.COMMON_NAME), config.login());
        assertEquals(config.login(), config.toBuilder().build().login());
    }
}
