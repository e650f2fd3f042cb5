package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfFileParserTest {

    @Test
    void readsSettingsWithTheirLineNumbersAndSkipsCommentsAndBlankLines() {
        List<ConfSetting> settings = ConfFileParser.parse("test.conf", """
                # RabbitMQ-style comment
                listeners.tcp.default = 5672

                \t
                   heartbeat=30
                """);

        assertEquals(List.of(
                new ConfSetting("listeners.tcp.default", List.of("listeners", "tcp", "default"), "5672", 2),
                new ConfSetting("heartbeat", List.of("heartbeat"), "30", 5)), settings);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default_pass = secret                 | secret",
            "default_pass = secret   # a comment   | secret",
            // cuttlefish ends an unquoted value at any '#', even inside a word
            "default_pass = abc#def                | abc",
            "default_pass = 'abc#def'              | abc#def",
            "default_pass = 'abc#def'  # comment   | abc#def",
            "cluster_name = my cluster             | my cluster",
            "default_pass = a=b                    | a=b",
    })
    void valuesFollowCuttlefish(String line, String expected) {
        assertEquals(expected, ConfFileParser.parse("t", line).get(0).value());
    }

    @Test
    void quotesKeepBlanksAndAllowAnEmptyValue() {
        List<ConfSetting> settings = ConfFileParser.parse("t", "default_pass = ' padded '\ndefault_user = ''\n");

        assertEquals(" padded ", settings.get(0).value());
        assertEquals("", settings.get(1).value());
    }

    @Test
    void anEscapedDotStaysInsideItsSegment() {
        ConfSetting setting = ConfFileParser.parse("t", "loopback_users.first\\.last = true").get(0);

        assertEquals(List.of("loopback_users", "first.last"), setting.path());
        assertEquals("loopback_users.first\\.last", setting.key());
    }

    @Test
    void acceptsWindowsLineEndingsAndAByteOrderMark() {
        List<ConfSetting> settings = ConfFileParser.parse("t", "\uFEFFheartbeat = 10\r\nframe_max = 8192\r\n");

        assertEquals(List.of("heartbeat", "frame_max"), settings.stream().map(ConfSetting::key).toList());
        assertEquals("10", settings.get(0).value());
        assertEquals("8192", settings.get(1).value());
    }

    @Test
    void keepsDuplicatesForTheCallerToResolve() {
        List<ConfSetting> settings = ConfFileParser.parse("t", "heartbeat = 1\nheartbeat = 2\n");

        assertEquals(List.of("1", "2"), settings.stream().map(ConfSetting::value).toList());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "heartbeat                  | t:2: heartbeat: expected '=' and a value after the key",
            "heartbeat =                | t:2: heartbeat: expected a value after '='",
            "heartbeat = # only comment | t:2: heartbeat: expected a value after '='",
            "default_pass = 'open       | t:2: default_pass: the quoted value has no closing quote",
            "default_pass = 'a' b       | t:2: default_pass: unexpected text after the closing quote",
            "= 5                        | t:2: syntax error: expected 'key = value', a '#' comment or a blank line",
            "bad key = 5                | t:2: bad: expected '=' and a value after the key",
            "include conf.d/*.conf      | t:2: include directives are not supported; put the included settings in this file",
    })
    void rejectsMalformedLinesNamingFileAndLine(String badLine, String expectedProblem) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfFileParser.parse("t", "heartbeat = 1\n" + badLine + "\n"));

        assertEquals(List.of(expectedProblem), e.problems());
        assertEquals(expectedProblem, e.getMessage());
    }

    @Test
    void reportsEveryMalformedLineAtOnce() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfFileParser.parse("f.conf", "a\nheartbeat = 1\nb =\n"));

        assertEquals(2, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("f.conf:1: a:"), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("f.conf:3: b:"), e.problems().get(1));
        assertTrue(e.getMessage().startsWith("2 configuration problems:"), e.getMessage());
    }

    @Test
    void aKeyNamedIncludeIsAnOrdinarySetting() {
        assertEquals("x", ConfFileParser.parse("t", "include = x").get(0).value());
    }
}
