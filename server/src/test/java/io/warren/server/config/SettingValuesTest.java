package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingValuesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "5672                  |             | 5672",
            "0                     |             | 0",
            "127.0.0.1:5673        | 127.0.0.1   | 5673",
            "::1:5674              | ::1         | 5674",
            "[::1]:5675            | ::1         | 5675",
            "2001:db8::7334:5676   | 2001:db8::7334 | 5676",
            "0.0.0.0:65535         | 0.0.0.0     | 65535",
    })
    void parsesListenersTheWayRabbitMqWritesThem(String text, String host, int port) {
        assertEquals(new ListenAddress(host, port), SettingValues.listenAddress(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "-1", "localhost:5672", "127.0.0.1", "127.0.0.1:", ":5672", "[127.0.0.1]:5672",
            "127.0.0.1:56x", "[::1]5672", "five"})
    void rejectsBadListeners(String text) {
        assertThrows(InvalidValueException.class, () -> SettingValues.listenAddress(text));
    }

    @Test
    void explainsThatHostNamesAreNotAccepted() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> SettingValues.ipLiteral("localhost"));
        assertTrue(e.getMessage().contains("host names are not accepted"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0.4, 0.4", "1, 1.0", "0, 0.0", "1.5, 1.5", "4e-1, 0.4"})
    void parsesDecimals(String text, double value) {
        assertEquals(value, SettingValues.decimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.1", ".5", "0,4", "forty", "NaN", "Infinity", "1e400"})
    void rejectsWhatIsNotANonNegativeDecimal(String text) {
        assertThrows(InvalidValueException.class, () -> SettingValues.decimal(text));
    }

    @Test
    void integersAreRangeChecked() {
        assertEquals(65535, SettingValues.integer("65535", 0, 65535));
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> SettingValues.integer("65536", 0, 65535));
        assertEquals("65536 is out of range; use 0-65535", e.getMessage());
        assertThrows(InvalidValueException.class, () -> SettingValues.integer("12abc", 0, 65535));
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertEquals(true, SettingValues.bool("true"));
        assertEquals(false, SettingValues.bool("false"));
        assertThrows(InvalidValueException.class, () -> SettingValues.bool("yes"));
    }

    @Test
    void regexesMustCompile() {
        assertEquals("^amq\\.", SettingValues.regex("^amq\\."));
        assertThrows(InvalidValueException.class, () -> SettingValues.regex("(unclosed"));
    }
}
